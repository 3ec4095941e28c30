package io.integrityagent.instrumentation;

import net.bytebuddy.asm.Advice;

/** Advice for {@code java.sql.Connection} implementations. */
final class ConnectionAdvice {

    private ConnectionAdvice() {
    }

    /** {@code prepareStatement(String, …)} and {@code prepareCall(String, …)}: the SQL of the new statement. */
    static final class Prepare {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
            JdbcHooks.prepared(statement, sql);
        }
    }

    /** {@code commit()}: deferred constraints are checked only here, so a violation can surface at commit. */
    static final class Commit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ExecutionScope enter() {
            return JdbcHooks.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object connection, @Advice.Enter ExecutionScope scope,
                         @Advice.Thrown Throwable thrown) {
            JdbcHooks.committed(scope, connection, thrown);
        }
    }
}
