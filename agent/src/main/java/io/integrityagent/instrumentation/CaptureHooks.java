package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.bootstrap.JdbcHooks;
import io.integrityagent.capture.Captures;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.StatementCapture;
import java.util.concurrent.Callable;

/**
 * The agent's side of the hooks that advice calls: what each hooked JDBC call records. Every method is cheap on
 * the path that does not fail and never throws: the advice has no handler of its own around the call, so
 * whatever could fail here is caught here.
 */
public final class CaptureHooks implements JdbcHooks {

    private static volatile Runnable internalFailureCounter = () -> {
    };

    /** The stand-in that waits for the pipeline at first, then the pipeline itself (see {@link #handOver}). */
    private volatile FailureHandler handler;
    private final boolean captureParameters;

    private CaptureHooks(FailureHandler handler, boolean captureParameters) {
        this.handler = handler;
        this.captureParameters = captureParameters;
    }

    /** Makes advice call these hooks; before any class is instrumented. */
    public static void install(FailureHandler failureHandler, boolean parameters, Runnable onInternalFailure) {
        internalFailureCounter = onInternalFailure;
        Hooks.jdbc = new CaptureHooks(failureHandler, parameters);
    }

    /**
     * Hands failures straight to the pipeline once it is built, past the stand-in that waited for it: every frame
     * between a failed execute and the call site is one more for each violation's stack walk to fill. Only hooks
     * still handing to {@code standIn} are changed, so a start can never redirect hooks another one installed.
     */
    public static void handOver(FailureHandler standIn, FailureHandler pipeline) {
        if (Hooks.jdbc instanceof CaptureHooks) {
            CaptureHooks hooks = (CaptureHooks) Hooks.jdbc;
            if (hooks.handler == standIn) {
                hooks.handler = pipeline;
            }
        }
    }

    /** Runs the agent's own queries (catalog look-ups) so that the agent does not report on itself. */
    public static <T> T unobserved(Callable<T> work) throws Exception {
        return ExecutionScope.unobserved(work);
    }

    @Override
    public void prepared(Object statement, String sql) {
        try {
            if (statement != null && sql != null) {
                Captures.of(statement).prepared(sql);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundObject(Object statement, int index, Object value) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setObject(index, value);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundNull(Object statement, int index) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setNull(index);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundInt(Object statement, int index, int value) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setInt(index, value);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundLong(Object statement, int index, long value) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setLong(index, value);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundDouble(Object statement, int index, double value) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setDouble(index, value);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundFloat(Object statement, int index, float value) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setFloat(index, value);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void boundBoolean(Object statement, int index, boolean value) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setBoolean(index, value);
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    /** A stream or LOB: its content is never read or kept, only what kind of value it was. */
    @Override
    public void boundPlaceholder(Object statement, int index, String setterName) {
        try {
            if (captureParameters) {
                Captures.of(statement).parameters().setPlaceholder(index, placeholderFor(setterName));
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void parametersCleared(Object statement) {
        try {
            StatementCapture capture = Captures.peek(statement);
            if (capture != null) {
                capture.clearParameters();
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void addingBatch(Object statement) {
        try {
            StatementCapture capture = Captures.peek(statement);
            if (capture != null) {
                capture.holdBatchEntry();
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void batchEntryAdded(Object statement) {
        try {
            Captures.of(statement).addHeldBatchEntry();
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void sqlBatchAdded(Object statement, String sql) {
        try {
            Captures.of(statement).addBatch(sql);
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void batchCleared(Object statement) {
        try {
            if (ExecutionScope.isExecuting()) {
                return; // the driver clearing its own batch inside executeBatch (xerial does): the failure needs it
            }
            StatementCapture capture = Captures.peek(statement);
            if (capture != null) {
                capture.clearBatch();
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void closed(Object statement) {
        try {
            Captures.release(statement);
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void executing() {
        try {
            ExecutionScope.enter();
        } catch (Throwable internal) {
            countInternalFailure();
        }
    }

    @Override
    public void executingBatch(Object statement) {
        try {
            StatementCapture capture = Captures.peek(statement);
            if (capture != null) {
                capture.batchExecutionStarted();
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
        ExecutionScope.enter();
    }

    @Override
    public void executed(Object statement, String executedSql, Throwable thrown) {
        ExecutionScope scope = ExecutionScope.current();
        if (scope == null) {
            return;
        }
        try {
            if (thrown != null) {
                scope.recordFailure(new FailedExecution(thrown, statement, Captures.peek(statement), executedSql,
                        false));
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
        // Handed over here rather than through report(): each frame above the call site is one more for the walk.
        FailedExecution outermost = scope.exit();
        if (outermost != null) {
            try {
                handler.onFailure(outermost);
            } catch (Throwable internal) {
                countInternalFailure();
            }
        }
    }

    @Override
    public void executedBatch(Object statement, Throwable thrown) {
        ExecutionScope scope = ExecutionScope.current();
        if (scope == null) {
            return;
        }
        try {
            if (thrown != null) {
                scope.recordFailure(new FailedExecution(thrown, statement, Captures.peek(statement), null, true));
            } else {
                StatementCapture capture = Captures.peek(statement);
                if (capture != null) {
                    capture.batchExecuted();
                }
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
        report(scope.exit());
    }

    /**
     * A deferred constraint fails at commit, so the statement at hand is the COMMIT itself, without parameters;
     * the connection stands in for the statement.
     */
    @Override
    public void committed(Object connection, Throwable thrown) {
        ExecutionScope scope = ExecutionScope.current();
        if (scope == null) {
            return;
        }
        if (thrown != null) {
            try {
                scope.recordFailure(new FailedExecution(thrown, connection, null, "COMMIT", false));
            } catch (Throwable internal) {
                countInternalFailure();
            }
        }
        report(scope.exit());
    }

    /** The hand-over of a batch's or a commit's failure; {@link #executed}, nearly every violation's, has it inline. */
    private void report(FailedExecution failure) {
        if (failure != null) {
            try {
                handler.onFailure(failure);
            } catch (Throwable internal) {
                countInternalFailure();
            }
        }
    }

    static void countInternalFailure() {
        try {
            internalFailureCounter.run();
        } catch (Throwable ignored) {
            // Counting must not fail either; there is nothing further to fall back on.
        }
    }

    private static String placeholderFor(String setterName) {
        switch (setterName) {
            case "setBlob":
                return "<blob>";
            case "setClob":
            case "setNClob":
                return "<clob>";
            case "setSQLXML":
                return "<xml>";
            default:
                return "<stream>";
        }
    }
}
