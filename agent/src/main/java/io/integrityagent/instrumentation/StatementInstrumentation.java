package io.integrityagent.instrumentation;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@code java.sql.Statement}'s methods: execution, plain-SQL batches and close. Execution is paired up on the
 * current thread (a pool's proxy statement calls the driver's): entry says it begins, and exit, by returning or
 * throwing, says how it ended.
 */
final class StatementInstrumentation implements TypeInstrumentation {

    private static final String NO_ARGUMENTS = "()";
    private static final String SQL_FIRST = "(Ljava/lang/String;";

    /** {@code execute()}, {@code executeQuery()}, {@code executeUpdate()}, {@code executeLargeUpdate()}. */
    private static final MethodAdvice EXECUTE = new Execution(false);
    /** The same methods taking the SQL as their first argument, every overload. */
    private static final MethodAdvice EXECUTE_SQL = new Execution(true);
    private static final MethodAdvice EXECUTE_BATCH = new BatchExecution();
    private static final MethodAdvice ADD_BATCH_SQL = new MethodAdvice() {
        @Override
        void onReturn(MethodVisitor code) {
            hooks(code);
            receiver(code);
            code.visitVarInsn(Opcodes.ALOAD, 1);
            call(code, "sqlBatchAdded", "(Ljava/lang/Object;Ljava/lang/String;)V");
        }
    };
    private static final MethodAdvice CLEAR_BATCH = MethodAdvice.onReturnWithReceiver("batchCleared");
    /** On entry and out of line, as a bind is: a statement's close is as hot as its binds where none is reused. */
    private static final MethodAdvice CLOSE = new MethodAdvice() {
        @Override
        void onEnter(MethodVisitor code) {
            receiver(code);
            callOutOfLine(code, "closed", "(Ljava/lang/Object;)V");
        }
    };

    private final JdbcClasses statements;

    StatementInstrumentation(JdbcClasses statements) {
        this.statements = statements;
    }

    @Override
    public boolean appliesTo(LoadingClass type) {
        return statements.matches(type);
    }

    @Override
    public ClassVisitor transform(ClassVisitor next, LoadingClass type) {
        return TypeInstrumentation.advising(next, type, StatementInstrumentation::adviceFor);
    }

    static MethodAdvice adviceFor(String name, String descriptor) {
        switch (name) {
            case "execute":
            case "executeQuery":
            case "executeUpdate":
            case "executeLargeUpdate":
                return descriptor.startsWith(NO_ARGUMENTS) ? EXECUTE
                        : descriptor.startsWith(SQL_FIRST) ? EXECUTE_SQL : null;
            case "executeBatch":
            case "executeLargeBatch":
                return descriptor.startsWith(NO_ARGUMENTS) ? EXECUTE_BATCH : null;
            case "addBatch":
                return descriptor.startsWith("(Ljava/lang/String;)") ? ADD_BATCH_SQL : null;
            case "clearBatch":
                return descriptor.startsWith(NO_ARGUMENTS) ? CLEAR_BATCH : null;
            case "close":
                return descriptor.startsWith(NO_ARGUMENTS) ? CLOSE : null;
            default:
                return null;
        }
    }

    /** {@code executing()} on entry; {@code executed(this, sql or null, thrown or null)} on the way out. */
    private static final class Execution extends MethodAdvice {
        private static final String EXECUTED = "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/Throwable;)V";

        private final boolean sqlArgument;

        Execution(boolean sqlArgument) {
            this.sqlArgument = sqlArgument;
        }

        @Override
        void onEnter(MethodVisitor code) {
            hooks(code);
            call(code, "executing", "()V");
        }

        @Override
        void onReturn(MethodVisitor code) {
            hooks(code);
            receiver(code);
            pushSql(code);
            code.visitInsn(Opcodes.ACONST_NULL);
            call(code, "executed", EXECUTED);
        }

        @Override
        int argumentsReadOnThrow() {
            return sqlArgument ? 1 : 0;
        }

        @Override
        void onThrow(MethodVisitor code) {
            hooksAndReceiverUnderThrowable(code); // t, hooks, this, t
            pushSql(code);
            code.visitInsn(Opcodes.SWAP);
            call(code, "executed", EXECUTED);
        }

        private void pushSql(MethodVisitor code) {
            if (sqlArgument) {
                code.visitVarInsn(Opcodes.ALOAD, 1);
            } else {
                code.visitInsn(Opcodes.ACONST_NULL);
            }
        }
    }

    /** {@code executeBatch()} and {@code executeLargeBatch()}. */
    private static final class BatchExecution extends MethodAdvice.EndingWithThrown {
        BatchExecution() {
            super("executedBatch");
        }

        @Override
        void onEnter(MethodVisitor code) {
            hooks(code);
            receiver(code);
            call(code, "executingBatch", "(Ljava/lang/Object;)V");
        }
    }
}
