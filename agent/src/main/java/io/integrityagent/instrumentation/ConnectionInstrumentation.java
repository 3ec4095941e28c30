package io.integrityagent.instrumentation;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** {@code java.sql.Connection}'s methods: preparing a statement, and committing. */
final class ConnectionInstrumentation implements TypeInstrumentation {

    /** {@code prepareStatement(String, …)} and {@code prepareCall(String, …)}: the SQL of the new statement. */
    private static final MethodAdvice PREPARE = new MethodAdvice() {
        @Override
        void onReturn(MethodVisitor code) {
            code.visitInsn(Opcodes.DUP); // the statement returned
            code.visitVarInsn(Opcodes.ALOAD, 1);
            callOutOfLine(code, "prepared", "(Ljava/lang/Object;Ljava/lang/String;)V");
        }
    };

    /**
     * {@code commit()}, and {@code setAutoCommit(boolean)}, which commits an open transaction when switching
     * autocommit on: deferred constraints are checked only then, so a violation can surface there.
     */
    private static final MethodAdvice COMMIT = new MethodAdvice.EndingWithThrown("committed") {
        @Override
        void onEnter(MethodVisitor code) {
            hooks(code);
            call(code, "executing", "()V");
        }
    };

    private final JdbcClasses connections;

    ConnectionInstrumentation(JdbcClasses connections) {
        this.connections = connections;
    }

    @Override
    public boolean appliesTo(LoadingClass type) {
        return connections.matches(type);
    }

    @Override
    public ClassVisitor transform(ClassVisitor next, LoadingClass type) {
        return TypeInstrumentation.advising(next, type, ConnectionInstrumentation::adviceFor);
    }

    static MethodAdvice adviceFor(String name, String descriptor) {
        switch (name) {
            case "prepareStatement":
            case "prepareCall":
                return descriptor.startsWith("(Ljava/lang/String;") && descriptor.endsWith(";") ? PREPARE : null;
            case "commit":
                return descriptor.startsWith("()") ? COMMIT : null;
            case "setAutoCommit":
                return descriptor.startsWith("(Z)") ? COMMIT : null;
            default:
                return null;
        }
    }
}
