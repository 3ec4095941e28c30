package io.integrityagent.explanation;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Handling;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.util.LruCache;
import java.sql.SQLException;

/**
 * The handling advice, worded once per {@link HandlingCase}: its sentences depend on class names, a SQLSTATE
 * and the call site, never on a value, and a storm repeats the same few cases. Bounded like every memory of
 * the agent; a case it has let go of is worded again. Thread-safe.
 */
public final class RememberedAdvice {

    private static final int MAX_CASES = 256;
    private static final long MAX_BYTES = 1L << 20;

    private final LruCache<HandlingCase, Handling> worded = new LruCache<>(MAX_CASES, MAX_BYTES,
            (given, handling) -> given.estimatedBytes() + handling.estimatedBytes());

    /** As {@link HandlingAdvice#advise(AccessPath, ViolationKind, DatabaseSystem, Throwable, SQLException,
     * boolean, Boolean, String)}, the same advice for the same case. */
    public Handling advise(AccessPath path, ViolationKind kind, DatabaseSystem system, Throwable thrown,
                           SQLException violation, boolean atCommit, Boolean autoCommit, String callSite) {
        return worded.get(HandlingCase.of(path, kind, system, thrown, violation, atCommit, autoCommit, callSite),
                HandlingAdvice::advise);
    }
}
