package io.integrityagent.instrumentation;

import io.integrityagent.capture.FailedExecution;

/**
 * How deep the current thread is inside instrumented execute calls. A pool's proxy statement calls the
 * driver's statement, and both are instrumented: only the outermost call reports, once, using the innermost
 * capture (the driver's view) and filling its gaps from the outer ones.
 */
public final class ExecutionScope {

    private static final ThreadLocal<ExecutionScope> CURRENT = ThreadLocal.withInitial(ExecutionScope::new);

    private int depth;
    private FailedExecution failure;

    static ExecutionScope enter() {
        ExecutionScope scope = CURRENT.get();
        scope.depth++;
        return scope;
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
