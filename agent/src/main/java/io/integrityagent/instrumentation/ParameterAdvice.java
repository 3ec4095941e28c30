package io.integrityagent.instrumentation;

import net.bytebuddy.asm.Advice;

/**
 * Advice for the {@code setXxx(int index, value, …)} methods of {@code PreparedStatement} implementations.
 * One advice per primitive type keeps values unboxed; the value is recorded after the driver accepted it. As
 * in {@link StatementAdvice}, nothing is inlined beyond one call.
 */
final class ParameterAdvice {

    private ParameterAdvice() {
    }

    static final class BindObject {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) Object value) {
            JdbcHooks.boundObject(statement, index, value);
        }
    }

    static final class BindNull {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index) {
            JdbcHooks.boundNull(statement, index);
        }
    }

    static final class BindInt {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) int value) {
            JdbcHooks.boundInt(statement, index, value);
        }
    }

    static final class BindShort {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) short value) {
            JdbcHooks.boundInt(statement, index, value);
        }
    }

    static final class BindByte {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) byte value) {
            JdbcHooks.boundInt(statement, index, value);
        }
    }

    static final class BindLong {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) long value) {
            JdbcHooks.boundLong(statement, index, value);
        }
    }

    static final class BindDouble {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) double value) {
            JdbcHooks.boundDouble(statement, index, value);
        }
    }

    static final class BindFloat {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) float value) {
            JdbcHooks.boundFloat(statement, index, value);
        }
    }

    static final class BindBoolean {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) boolean value) {
            JdbcHooks.boundBoolean(statement, index, value);
        }
    }

    /** Streams and LOBs: only the kind of value is kept. */
    static final class BindPlaceholder {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Origin("#m") String setterName) {
            JdbcHooks.boundPlaceholder(statement, index, setterName);
        }
    }
}
