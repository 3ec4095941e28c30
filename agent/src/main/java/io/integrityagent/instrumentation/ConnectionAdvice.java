package io.integrityagent.instrumentation;

import net.bytebuddy.asm.Advice;

/** Advice for {@code java.sql.Connection} implementations. */
final class ConnectionAdvice {

    private ConnectionAdvice() {
    }

    /** {@code prepareStatement(String, …)} and {@code prepareCall(String, …)}: the SQL of the new statement. */
    static final class Prepare {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
            JdbcHooks.prepared(statement, sql);
        }
    }

    /**
     * {@code commit()}, and {@code setAutoCommit(boolean)}, which commits an open transaction when switching
     * autocommit on: deferred constraints are checked only then, so a violation can surface there.
     */
    static final class Commit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ExecutionScope enter() {
            return JdbcHooks.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object connection, @Advice.Enter ExecutionScope scope,
                         @Advice.Thrown Throwable thrown) {
            JdbcHooks.committed(scope, connection, thrown);
        }
    }
}
