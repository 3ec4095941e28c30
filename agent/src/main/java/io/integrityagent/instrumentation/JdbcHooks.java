package io.integrityagent.instrumentation;

import io.integrityagent.capture.Captures;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.capture.StatementCapture;
import java.util.concurrent.Callable;

/**
 * The static entry points that the advice inlined into JDBC driver classes calls. Every method is cheap on the
 * path that does not fail and never throws: the advice suppresses Throwable as a second line of defence.
 */
public final class JdbcHooks {

    private static volatile FailureHandler handler = FailureHandler.NONE;
    private static volatile boolean captureParameters = true;
    private static volatile Runnable internalFailureCounter = () -> {
    };

    private JdbcHooks() {
    }

    public static void install(FailureHandler failureHandler, boolean parameters, Runnable onInternalFailure) {
        internalFailureCounter = onInternalFailure;
        captureParameters = parameters;
        handler = failureHandler;
    }

    public static void prepared(Object statement, String sql) {
        if (statement != null && sql != null) {
            Captures.of(statement).prepared(sql);
        }
    }

    public static void boundObject(Object statement, int index, Object value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setObject(index, value);
        }
    }

    public static void boundNull(Object statement, int index) {
        if (captureParameters) {
            Captures.of(statement).parameters().setNull(index);
        }
    }

    public static void boundInt(Object statement, int index, int value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setInt(index, value);
        }
    }

    public static void boundLong(Object statement, int index, long value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setLong(index, value);
        }
    }

    public static void boundDouble(Object statement, int index, double value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setDouble(index, value);
        }
    }

    public static void boundFloat(Object statement, int index, float value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setFloat(index, value);
        }
    }

    public static void boundBoolean(Object statement, int index, boolean value) {
        if (captureParameters) {
            Captures.of(statement).parameters().setBoolean(index, value);
        }
    }

    /** A stream or LOB: its content is never read or kept, only what kind of value it was. */
    public static void boundPlaceholder(Object statement, int index, String setterName) {
        if (captureParameters) {
            Captures.of(statement).parameters().setPlaceholder(index, placeholderFor(setterName));
        }
    }

    public static void parametersCleared(Object statement) {
        StatementCapture capture = Captures.peek(statement);
        if (capture != null) {
            capture.clearParameters();
        }
    }

    /**
     * The values bound when {@code PreparedStatement.addBatch()} is called, taken before the driver runs it:
     * Derby clears the parameters inside addBatch.
     */
    public static ParameterValues addingBatch(Object statement) {
        StatementCapture capture = Captures.peek(statement);
        return capture == null ? ParameterValues.NONE : capture.parameterSnapshot();
    }

    public static void batchAdded(Object statement, ParameterValues entry) {
        Captures.of(statement).addBatch(entry);
    }

    public static void batchAdded(Object statement, String sql) {
        Captures.of(statement).addBatch(sql);
    }

    public static void batchCleared(Object statement) {
        if (ExecutionScope.isExecuting()) {
            return; // the driver clearing its own batch inside executeBatch (xerial does): the failure needs it
        }
        StatementCapture capture = Captures.peek(statement);
        if (capture != null) {
            capture.clearBatch();
        }
    }

    public static void closed(Object statement) {
        Captures.release(statement);
    }

    /** Runs the agent's own queries (catalog look-ups) so that the agent does not report on itself. */
    public static <T> T unobserved(Callable<T> work) throws Exception {
        return ExecutionScope.unobserved(work);
    }

    public static ExecutionScope executing() {
        return ExecutionScope.enter();
    }

    public static ExecutionScope executingBatch(Object statement) {
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

    /**
     * After an execute call, normal or not. {@code executedSql} is the SQL argument of a plain statement's
     * execute call, null for prepared statements.
     */
    public static void executed(ExecutionScope scope, Object statement, String executedSql, Throwable thrown,
                                boolean batch) {
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
     * After {@code Connection.commit()} or {@code setAutoCommit}, normal or not. A deferred constraint fails here,
     * so the statement at hand is the COMMIT itself, without parameters; the connection stands in for the statement.
     */
    public static void committed(ExecutionScope scope, Object connection, Throwable thrown) {
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

    private static void report(FailedExecution failure) {
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
