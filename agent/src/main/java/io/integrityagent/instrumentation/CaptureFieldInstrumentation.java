package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.CaptureHolder;
import java.util.Arrays;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Gives statement classes a field for their capture, when loaded for the first time, or when retransformed
 * after they got one (a retransformation must reproduce the same shape). Classes that were already loaded
 * cannot change shape, so their captures live in a weak table; classes in named modules never get one, as
 * they could not implement {@link CaptureHolder} without reading the bootstrap class path's unnamed module.
 */
final class CaptureFieldInstrumentation implements TypeInstrumentation {

    private static final String HOLDER = Type.getInternalName(CaptureHolder.class);
    private static final String OBJECT = "Ljava/lang/Object;";

    private final JdbcClasses statements;

    CaptureFieldInstrumentation(JdbcClasses statements) {
        this.statements = statements;
    }

    @Override
    public boolean appliesTo(LoadingClass type) {
        return !type.inNamedModule()
                && (type.redefined() == null || gotCaptureField(type.redefined()))
                && statements.matches(type);
    }

    @Override
    public ClassVisitor transform(ClassVisitor next, LoadingClass type) {
        String owner = type.internalName();
        type.changed();
        return new ClassVisitor(Opcodes.ASM9, next) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                String[] withHolder = Arrays.copyOf(interfaces, interfaces.length + 1);
                withHolder[interfaces.length] = HOLDER;
                super.visit(version, access, name, signature, superName, withHolder);
            }

            @Override
            public void visitEnd() {
                super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                        CaptureHolder.FIELD_NAME, OBJECT, null, null).visitEnd();
                MethodVisitor getter = super.visitMethod(Opcodes.ACC_PUBLIC, CaptureHolder.FIELD_NAME,
                        "()" + OBJECT, null, null);
                getter.visitCode();
                getter.visitVarInsn(Opcodes.ALOAD, 0);
                getter.visitFieldInsn(Opcodes.GETFIELD, owner, CaptureHolder.FIELD_NAME, OBJECT);
                getter.visitInsn(Opcodes.ARETURN);
                getter.visitMaxs(1, 1);
                getter.visitEnd();
                MethodVisitor setter = super.visitMethod(Opcodes.ACC_PUBLIC, CaptureHolder.FIELD_NAME,
                        "(" + OBJECT + ")V", null, null);
                setter.visitCode();
                setter.visitVarInsn(Opcodes.ALOAD, 0);
                setter.visitVarInsn(Opcodes.ALOAD, 1);
                setter.visitFieldInsn(Opcodes.PUTFIELD, owner, CaptureHolder.FIELD_NAME, OBJECT);
                setter.visitInsn(Opcodes.RETURN);
                setter.visitMaxs(2, 2);
                setter.visitEnd();
                super.visitEnd();
            }
        };
    }

    /** The field and the interface are added together, so the class's own interfaces tell. */
    private static boolean gotCaptureField(Class<?> type) {
        return Arrays.asList(type.getInterfaces()).contains(CaptureHolder.class);
    }
}
