package io.integrityagent.instrumentation;

import io.integrityagent.capture.ParameterValues;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code java.sql.Statement} implementations: execution, batches and close. Every advice body is one
 * call into {@link JdbcHooks}, and exit advice keeps no backup copies of the arguments: whatever is inlined
 * grows the driver's method, and a hot method grown past the JIT's inlining limit costs far more than the hook.
 */
final class StatementAdvice {

    private StatementAdvice() {
    }

    /** {@code execute()}, {@code executeQuery()}, {@code executeUpdate()}, {@code executeLargeUpdate()}. */
    static final class Execute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ExecutionScope enter() {
            return JdbcHooks.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Enter ExecutionScope scope,
                         @Advice.Thrown Throwable thrown) {
            JdbcHooks.executed(scope, statement, null, thrown, false);
        }
    }

    /** The same methods taking the SQL as their first argument, every overload. */
    static final class ExecuteSql {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ExecutionScope enter() {
            return JdbcHooks.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql,
                         @Advice.Enter ExecutionScope scope, @Advice.Thrown Throwable thrown) {
            JdbcHooks.executed(scope, statement, sql, thrown, false);
        }
    }

    /** {@code executeBatch()} and {@code executeLargeBatch()}. */
    static final class ExecuteBatch {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ExecutionScope enter(@Advice.This Object statement) {
            return JdbcHooks.executingBatch(statement);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Enter ExecutionScope scope,
                         @Advice.Thrown Throwable thrown) {
            JdbcHooks.executed(scope, statement, null, thrown, true);
        }
    }

    /** {@code PreparedStatement.addBatch()}: the entry is what was bound on entry, added once the driver took it. */
    static final class AddBatch {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ParameterValues enter(@Advice.This Object statement) {
            return JdbcHooks.addingBatch(statement);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Enter ParameterValues entry,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                JdbcHooks.batchAdded(statement, entry);
            }
        }
    }

    /** {@code Statement.addBatch(String)}. */
    static final class AddBatchSql {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
            JdbcHooks.batchAdded(statement, sql);
        }
    }

    static final class ClearBatch {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement) {
            JdbcHooks.batchCleared(statement);
        }
    }

    static final class ClearParameters {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement) {
            JdbcHooks.parametersCleared(statement);
        }
    }

    static final class Close {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement) {
            JdbcHooks.closed(statement);
        }
    }
}
