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
}
