package io.integrityagent.recognition;

import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
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

    /**
     * How many exceptions a chain usually holds: a driver's, perhaps a wrapper's and a cause. Sets and maps over a
     * chain start this small (an identity map's default room is for 21, 300 bytes on every violation).
     */
    static final int CHAIN_EXPECTED = 4;

    private ViolationRecognizer() {
    }

    /**
     * Every throwable reachable through causes and next exceptions, each once, in discovery order. A next
     * exception that {@code getNextException()} makes anew at each call and that says what its maker says is a
     * copy, not a failure of its own: it is looked through but not listed.
     */
    public static List<Throwable> chainOf(Throwable thrown) {
        if (thrown != null && ReadableException.cause(thrown) == null && !(thrown instanceof SQLException
                && ReadableException.next((SQLException) thrown) != null)) {
            return List.of(thrown); // the common case, one exception alone, without the sets the walk needs
        }
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = identitySet();
        Set<Throwable> copies = identitySet();
        List<Throwable> pending = new ArrayList<>();
        pending.add(thrown);
        // Copies are not listed, so the chain's length alone would not stop a getter that makes one at each call.
        for (int visits = 0; !pending.isEmpty() && chain.size() < MAX_CHAIN && visits < 2 * MAX_CHAIN; visits++) {
            Throwable t = pending.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (!copies.contains(t)) {
                chain.add(t);
            }
            if (t instanceof SQLException) {
                SQLException next = ReadableException.next((SQLException) t);
                if (next != null && next != ReadableException.next((SQLException) t)
                        && ReadableException.sayTheSame((SQLException) t, next)) {
                    copies.add(next);
                }
                pending.add(next);
            }
            pending.add(ReadableException.cause(t));
        }
        return chain;
    }

    /**
     * The violations in {@code chain}, one per violation, in order. A batch exception that only carries the state
     * of the real violation chained behind it is not counted again, nor is an earlier failure attached as the
     * cause of one that only repeats it, nor a wrapper around the driver's exception (see {@link SameViolation}).
     * An exception whose getters throw is kept with what could still be read.
     */
    public static List<RecognizedViolation> recognize(List<Throwable> chain, Dialect dialect) {
        if (chain.size() == 1) {
            return alone(chain.get(0), dialect);
        }
        List<Recognized> violations = new ArrayList<>();
        List<Recognized> batchContainers = new ArrayList<>();
        BatchUpdateException batch = null;
        Set<Throwable> reportedBefore = identitySet();
        for (Throwable t : chain) {
            if (!(t instanceof SQLException) || reportedBefore.contains(t)) {
                continue;
            }
            SQLException readable = ReadableException.of((SQLException) t);
            if (dialect.repeatsEarlierFailure(readable)) {
                Throwable cause = ReadableException.cause(t);
                while (cause != null && reportedBefore.add(cause)) {
                    cause = ReadableException.cause(cause);
                }
                continue;
            }
            if (readable instanceof BatchUpdateException && batch == null) {
                batch = (BatchUpdateException) readable;
            }
            ViolationKind kind = dialect.classify(readable);
            if (kind == null) {
                continue;
            }
            Recognized violation = new Recognized((SQLException) t, new RecognizedViolation(readable, kind));
            (t instanceof BatchUpdateException ? batchContainers : violations).add(violation);
        }
        List<RecognizedViolation> found = SameViolation.onePerViolation(
                violations.isEmpty() ? batchContainers : violations);
        List<RecognizedViolation> withBatch = new ArrayList<>(found.size());
        for (RecognizedViolation violation : found) {
            withBatch.add(violation.inBatch(batch));
        }
        return withBatch;
    }

    /**
     * The violation an exception alone reports, as nearly every one is: what {@link #recognize} finds in a chain
     * of one, without the lists and sets that joining several needs. Alone, it has no earlier failure as its cause
     * and no other exception to be the same violation as; a batch exception is its own batch.
     */
    private static List<RecognizedViolation> alone(Throwable t, Dialect dialect) {
        if (!(t instanceof SQLException)) {
            return List.of();
        }
        SQLException readable = ReadableException.of((SQLException) t);
        if (dialect.repeatsEarlierFailure(readable)) {
            return List.of();
        }
        ViolationKind kind = dialect.classify(readable);
        if (kind == null) {
            return List.of();
        }
        RecognizedViolation violation = new RecognizedViolation(readable, kind);
        return List.of(readable instanceof BatchUpdateException
                ? violation.inBatch((BatchUpdateException) readable) : violation);
    }

    /** Sized for the handful of exceptions a real chain holds; it grows for more. */
    static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>(CHAIN_EXPECTED));
    }

    /** An exception of the chain that reports a violation, as thrown and as the agent reads it. */
    static final class Recognized {
        final SQLException thrown;
        final RecognizedViolation violation;

        Recognized(SQLException thrown, RecognizedViolation violation) {
            this.thrown = thrown;
            this.violation = violation;
        }
    }
}
