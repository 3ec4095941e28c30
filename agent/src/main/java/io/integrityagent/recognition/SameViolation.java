package io.integrityagent.recognition;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.RecognizedViolation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the violations found in one exception chain describe the same violation. One failed execution can
 * carry several exceptions about one violation, and must give one event:
 * <ul>
 * <li>an exception whose cause, at any depth, is another violation wraps it (a pool or framework carrying the
 * driver's exception, however it words its own message; a cause cycle is one violation too);</li>
 * <li>an exception whose next exception is of another class and says the same (same SQLSTATE and message)
 * wraps it too, chained the other way round.</li>
 * </ul>
 * Next exceptions of the same class are the driver's list of separate failures (the failed entries of a batch),
 * and stay separate even when their messages are identical. Each violation is reported from the exception that
 * has the facts: the driver's own class where there is one, innermost first.
 */
final class SameViolation {

    private SameViolation() {
    }

    static List<RecognizedViolation> onePerViolation(List<ViolationRecognizer.Recognized> found) {
        int size = found.size();
        if (size == 1) {
            return List.of(found.get(0).violation); // nothing to join, the common case
        }
        Map<Throwable, Integer> position = new IdentityHashMap<>(size);
        for (int i = 0; i < size; i++) {
            position.put(found.get(i).thrown, i);
        }
        int[] group = new int[size];
        for (int i = 0; i < size; i++) {
            group[i] = i;
        }
        boolean[] wraps = new boolean[size];
        for (int i = 0; i < size; i++) {
            SQLException thrown = found.get(i).thrown;
            for (Integer inner : causesOf(thrown, position)) {
                if (inner != i) {
                    wraps[i] = true;
                    join(group, i, inner);
                }
            }
            SQLException next = ReadableException.next(thrown);
            Integer chained = next == null ? null : position.get(next);
            if (chained != null && chained != i && next.getClass() != thrown.getClass()
                    && ReadableException.sayTheSame(thrown, next)) {
                wraps[i] = true;
                join(group, i, chained);
            }
        }
        // Groups in order of their first exception; each reported by its exception with the most facts.
        Map<Integer, Integer> best = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            int root = root(group, i);
            Integer current = best.get(root);
            if (current == null || hasMoreFacts(found, wraps, i, current)) {
                best.put(root, i);
            }
        }
        List<RecognizedViolation> result = new ArrayList<>(best.size());
        for (int chosen : best.values()) {
            result.add(found.get(chosen).violation);
        }
        return result;
    }

    /** Whether {@code candidate} reports the violation better than {@code current}: a driver's class, innermost. */
    private static boolean hasMoreFacts(List<ViolationRecognizer.Recognized> found, boolean[] wraps, int candidate,
                                        int current) {
        boolean candidateIsDriver = isDriverClass(found.get(candidate).thrown);
        boolean currentIsDriver = isDriverClass(found.get(current).thrown);
        if (candidateIsDriver != currentIsDriver) {
            return candidateIsDriver;
        }
        return wraps[current] && !wraps[candidate];
    }

    private static boolean isDriverClass(SQLException e) {
        return DatabaseSystem.ofDriverClass(e.getClass().getName()) != null;
    }

    /** The positions of the violations among the causes of {@code thrown}, at any depth (it may be among them). */
    private static List<Integer> causesOf(SQLException thrown, Map<Throwable, Integer> position) {
        List<Integer> inner = new ArrayList<>();
        Set<Throwable> seen = ViolationRecognizer.identitySet();
        Throwable cause = ReadableException.cause(thrown);
        for (int depth = 0; cause != null && depth < ViolationRecognizer.MAX_CHAIN && seen.add(cause); depth++) {
            Integer at = position.get(cause);
            if (at != null) {
                inner.add(at);
            }
            cause = ReadableException.cause(cause);
        }
        return inner;
    }

    private static void join(int[] group, int a, int b) {
        int rootA = root(group, a);
        int rootB = root(group, b);
        group[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }

    private static int root(int[] group, int i) {
        int root = i;
        while (group[root] != root) {
            root = group[root];
        }
        return root;
    }
}
