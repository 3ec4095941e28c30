package io.integrityagent.instrumentation;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Inlines a {@link MethodAdvice} into one method as it is copied: its entry code first, its return code before
 * every return instruction, and its throw code in a handler for {@code Throwable} covering the whole original
 * body, which rethrows the same throwable. The handler is the method's last, so the method's own handlers keep
 * catching first. Class files read with expanded frames get the handler's frame written out in full.
 */
final class AdvisedMethod extends MethodVisitor {

    /** The most any advice pushes above what the method itself keeps on the operand stack. */
    private static final int ADVICE_STACK = 6;

    private final MethodAdvice advice;
    private final String owner;
    private final String descriptor;
    private final boolean frames;
    private final Label bodyStart = new Label();

    AdvisedMethod(MethodVisitor next, MethodAdvice advice, String owner, String descriptor, boolean frames) {
        super(Opcodes.ASM9, next);
        this.advice = advice;
        this.owner = owner;
        this.descriptor = descriptor;
        this.frames = frames;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        advice.onEnter(mv);
        super.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            advice.onReturn(mv);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        int arguments = advice.argumentsReadOnThrow();
        if (arguments >= 0) {
            Label handler = new Label();
            super.visitLabel(handler);
            if (frames) {
                Object[] locals = receiverAndArguments(arguments);
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            advice.onThrow(mv);
            super.visitInsn(Opcodes.ATHROW);
            super.visitTryCatchBlock(bodyStart, handler, handler, "java/lang/Throwable");
        }
        super.visitMaxs(maxStack + ADVICE_STACK, maxLocals);
    }

    /** The verification types of {@code this} and the first {@code count} arguments, as a frame lists them. */
    private Object[] receiverAndArguments(int count) {
        Type[] argumentTypes = Type.getArgumentTypes(descriptor);
        Object[] locals = new Object[1 + count];
        locals[0] = owner;
        for (int i = 0; i < count; i++) {
            locals[1 + i] = verificationType(argumentTypes[i]);
        }
        return locals;
    }

    static Object verificationType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.CHAR:
            case Type.BYTE:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }
}
