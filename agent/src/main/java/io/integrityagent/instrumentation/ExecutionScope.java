package io.integrityagent.instrumentation;

import io.integrityagent.capture.FailedExecution;
import java.util.concurrent.Callable;

/**
 * How deep the current thread is inside instrumented execute calls. A pool's proxy statement calls the
 * driver's statement, and both are instrumented: only the outermost call reports, once, using the innermost
 * capture (the driver's view) and filling its gaps from the outer ones.
 */
public final class ExecutionScope {

    private static final ThreadLocal<ExecutionScope> CURRENT = ThreadLocal.withInitial(ExecutionScope::new);

    private int depth;
    private FailedExecution failure;
    private boolean agentQuerying;

    /** Enters an execute call, unless the agent itself queries: its own statements are never reported. */
    static void enter() {
        ExecutionScope scope = CURRENT.get();
        if (!scope.agentQuerying) {
            scope.depth++;
        }
    }

    /**
     * The scope an execute call that is ending entered, or null if it entered none: the agent's own queries
     * run wholly inside {@link #unobserved}, so they find it set on the way out as on the way in.
     */
    static ExecutionScope current() {
        ExecutionScope scope = CURRENT.get();
        return scope.agentQuerying || scope.depth == 0 ? null : scope;
    }

    /** Runs the agent's own JDBC work on this thread without observing it. */
    static <T> T unobserved(Callable<T> work) throws Exception {
        ExecutionScope scope = CURRENT.get();
        boolean outer = scope.agentQuerying;
        scope.agentQuerying = true;
        try {
            return work.call();
        } finally {
            scope.agentQuerying = outer;
        }
    }

    /** Whether the current thread is inside an instrumented execute call. */
    static boolean isExecuting() {
        return CURRENT.get().depth > 0;
    }

    /** Remembers a failure seen at the current level; inner levels exit first, so the first one is innermost. */
    void recordFailure(FailedExecution seen) {
        if (failure == null) {
            failure = seen;
        } else {
            failure.fillGapsFrom(seen);
        }
    }

    /** Leaves one level; returns the failure to report when that was the outermost level, else null. */
    FailedExecution exit() {
        if (--depth > 0) {
            return null;
        }
        depth = 0;
        FailedExecution outermost = failure;
        failure = null;
        return outermost;
    }
}
