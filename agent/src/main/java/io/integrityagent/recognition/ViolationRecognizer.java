package io.integrityagent.recognition;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Finds the integrity violations inside whatever an execute call threw: the exception itself, its causes and
 * its {@code getNextException()} chain, including batch exceptions that wrap the real one.
 */
public final class ViolationRecognizer {

    /** Chains longer than this are cut: real drivers chain a handful; a cycle or a flood must not cost more. */
    static final int MAX_CHAIN = 32;

    private ViolationRecognizer() {
    }

    /** Every throwable reachable through causes and next exceptions, each once, in discovery order. */
    public static List<Throwable> chainOf(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>();
        pending.add(thrown);
        while (!pending.isEmpty() && chain.size() < MAX_CHAIN) {
            Throwable t = pending.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            chain.add(t);
            if (t instanceof SQLException) {
                pending.add(((SQLException) t).getNextException());
            }
            pending.add(t.getCause());
        }
        return chain;
    }

    /**
     * The violations in {@code chain}, in order. A batch exception that only carries the state of the real
     * violation chained behind it is not counted again, nor is an earlier failure attached as the cause of one
     * that only repeats it.
     */
    public static List<RecognizedViolation> recognize(List<Throwable> chain, Dialect dialect) {
        List<RecognizedViolation> violations = new ArrayList<>();
        List<RecognizedViolation> batchContainers = new ArrayList<>();
        BatchUpdateException batch = null;
        Set<Throwable> reportedBefore = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t : chain) {
            if (!(t instanceof SQLException) || reportedBefore.contains(t)) {
                continue;
            }
            if (dialect.repeatsEarlierFailure((SQLException) t)) {
                Throwable cause = t.getCause();
                while (cause != null && reportedBefore.add(cause)) {
                    cause = cause.getCause();
                }
                continue;
            }
            if (t instanceof BatchUpdateException && batch == null) {
                batch = (BatchUpdateException) t;
            }
            ViolationKind kind = dialect.classify((SQLException) t);
            if (kind == null) {
                continue;
            }
            RecognizedViolation violation = new RecognizedViolation((SQLException) t, kind);
            (t instanceof BatchUpdateException ? batchContainers : violations).add(violation);
        }
        List<RecognizedViolation> found = violations.isEmpty() ? batchContainers : violations;
        List<RecognizedViolation> withBatch = new ArrayList<>(found.size());
        for (RecognizedViolation violation : found) {
            withBatch.add(violation.inBatch(batch));
        }
        return withBatch;
    }

    /**
     * Which batch entries failed, as far as the update counts tell: the entries marked EXECUTE_FAILED when some
     * succeeded, or the entry where the counts stop short (drivers that stop at the first failure). When every
     * entry is marked failed (all-or-nothing drivers) the counts do not tell, and nothing is returned.
     */
    public static List<Integer> failedEntries(long[] updateCounts, int batchSize) {
        if (updateCounts == null) {
            return Collections.emptyList();
        }
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < updateCounts.length; i++) {
            if (updateCounts[i] == Statement.EXECUTE_FAILED) {
                failed.add(i);
            }
        }
        if (!failed.isEmpty()) {
            boolean allFailed = failed.size() == updateCounts.length && updateCounts.length > 1;
            return allFailed ? Collections.emptyList() : failed;
        }
        if (batchSize > updateCounts.length) {
            return Collections.singletonList(updateCounts.length);
        }
        return Collections.emptyList();
    }
}
