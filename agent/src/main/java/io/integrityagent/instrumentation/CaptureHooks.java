package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.bootstrap.JdbcHooks;
import io.integrityagent.capture.Captures;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.capture.StatementCapture;
import java.util.concurrent.Callable;

/**
 * The agent's side of the hooks that advice calls: what each hooked JDBC call records. Every method is cheap on
 * the path that does not fail and never throws: the advice suppresses Throwable as a second line of defence.
 */
public final class CaptureHooks implements JdbcHooks {

    private static volatile Runnable internalFailureCounter = () -> {
    };

    private final FailureHandler handler;
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

    /** Runs the agent's own queries (catalog look-ups) so that the agent does not report on itself. */
    public static <T> T unobserved(Callable<T> work) throws Exception {
        return ExecutionScope.unobserved(work);
    }

    @Override
    public void prepared(Object statement, String sql) {
        if (statement != null && sql != null) {
            Captures.of(statement).prepared(sql);
        }
    }

    @Override
    public void boundObject(Object statement, int index, Object value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setObject(index, value);
        }
    }

    @Override
    public void boundNull(Object statement, int index) {
        if (captureParameters) {
            Captures.of(statement).parameters().setNull(index);
        }
    }

    @Override
    public void boundInt(Object statement, int index, int value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setInt(index, value);
        }
    }

    @Override
    public void boundLong(Object statement, int index, long value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setLong(index, value);
        }
    }

    @Override
    public void boundDouble(Object statement, int index, double value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setDouble(index, value);
        }
    }

    @Override
    public void boundFloat(Object statement, int index, float value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setFloat(index, value);
        }
    }

    @Override
    public void boundBoolean(Object statement, int index, boolean value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setBoolean(index, value);
        }
    }

    /** A stream or LOB: its content is never read or kept, only what kind of value it was. */
    @Override
    public void boundPlaceholder(Object statement, int index, String setterName) {
        if (captureParameters) {
            Captures.of(statement).parameters().setPlaceholder(index, placeholderFor(setterName));
        }
    }

    @Override
    public void parametersCleared(Object statement) {
        StatementCapture capture = Captures.peek(statement);
        if (capture != null) {
            capture.clearParameters();
        }
    }

    /**
     * The values bound when {@code PreparedStatement.addBatch()} is called, taken before the driver runs it:
     * Derby clears the parameters inside addBatch.
     */
    @Override
    public Object addingBatch(Object statement) {
        StatementCapture capture = Captures.peek(statement);
        return capture == null ? ParameterValues.NONE : capture.parameterSnapshot();
    }

    @Override
    public void batchEntryAdded(Object statement, Object entry) {
        Captures.of(statement).addBatch((ParameterValues) entry);
    }

    @Override
    public void sqlBatchAdded(Object statement, String sql) {
        Captures.of(statement).addBatch(sql);
    }

    @Override
    public void batchCleared(Object statement) {
        if (ExecutionScope.isExecuting()) {
            return; // the driver clearing its own batch inside executeBatch (xerial does): the failure needs it
        }
        StatementCapture capture = Captures.peek(statement);
        if (capture != null) {
            capture.clearBatch();
        }
    }

    @Override
    public void closed(Object statement) {
        Captures.release(statement);
    }

    @Override
    public Object executing() {
        return ExecutionScope.enter();
    }

    @Override
    public Object executingBatch(Object statement) {
        try {
            StatementCapture capture = Captures.peek(statement);
            if (capture != null) {
                capture.batchExecutionStarted();
            }
        } catch (Throwable internal) {
            countInternalFailure();
        }
        return ExecutionScope.enter();
    }

    @Override
    public void executed(Object scopeEntered, Object statement, String executedSql, Throwable thrown,
                         boolean batch) {
        ExecutionScope scope = (ExecutionScope) scopeEntered;
        if (scope == null) {
            return;
        }
        try {
            if (thrown != null) {
                scope.recordFailure(new FailedExecution(thrown, statement, Captures.peek(statement), executedSql,
                        batch));
            } else if (batch) {
                StatementCapture capture = Captures.peek(statement);
                if (capture != null) {
                    capture.detachBatch(); // executed: its entries are done with
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
    public void committed(Object scopeEntered, Object connection, Throwable thrown) {
        ExecutionScope scope = (ExecutionScope) scopeEntered;
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
