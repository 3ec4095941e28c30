package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.bootstrap.JdbcHooks;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What is inlined into one hooked method: code on entry, before each return, and when it throws. Each piece is
 * a single call into {@link Hooks#jdbc}, or for a small hot method into a static hook of {@link Hooks} that the
 * JIT keeps out of line — whatever is inlined grows the driver's method, and a hot method grown past the JIT's
 * inlining limit costs far more than the hook. The hooks never throw, so the calls need no handler of their own.
 * Arguments are read from their own slots, as drivers never assign to them.
 */
abstract class MethodAdvice {

    private static final String HOOKS = Type.getInternalName(Hooks.class);
    private static final String JDBC_HOOKS = Type.getInternalName(JdbcHooks.class);
    private static final String JDBC_HOOKS_DESCRIPTOR = Type.getDescriptor(JdbcHooks.class);

    /** At the start of the method. */
    void onEnter(MethodVisitor code) {
    }

    /** Before each return, with the value returned (if any) on the operand stack, which it must leave there. */
    void onReturn(MethodVisitor code) {
    }

    /**
     * How many of the method's arguments {@link #onThrow} reads; negative when the advice does not hook a
     * method throwing. The handler's stack map frame declares only these, so that nothing the method does with
     * its other locals can make the frame wrong.
     */
    int argumentsReadOnThrow() {
        return -1;
    }

    /** When the method throws, with the throwable on the operand stack, which it must leave there. */
    void onThrow(MethodVisitor code) {
    }

    /** Pushes the hooks, the receiver of every call. */
    static void hooks(MethodVisitor code) {
        code.visitFieldInsn(Opcodes.GETSTATIC, HOOKS, "jdbc", JDBC_HOOKS_DESCRIPTOR);
    }

    /** Calls {@code JdbcHooks.name} with the descriptor given, the hooks and its arguments on the stack. */
    static void call(MethodVisitor code, String name, String descriptor) {
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, JDBC_HOOKS, name, descriptor, true);
    }

    /** Calls the static hook {@code Hooks.name}, which the JIT keeps out of line, with its arguments on the stack. */
    static void callOutOfLine(MethodVisitor code, String name, String descriptor) {
        code.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
    }

    /** Pushes the method's receiver, {@code this}. */
    static void receiver(MethodVisitor code) {
        code.visitVarInsn(Opcodes.ALOAD, 0);
    }

    /** Turns the throwable on the stack into (throwable, hooks, this, throwable) for a hook taking (this, …, t). */
    static void hooksAndReceiverUnderThrowable(MethodVisitor code) {
        code.visitInsn(Opcodes.DUP);
        hooks(code);
        code.visitInsn(Opcodes.SWAP);
        receiver(code);
        code.visitInsn(Opcodes.SWAP);
    }

    /** Advice that calls a hook taking {@code (Object statement)} on entry. */
    static MethodAdvice onEnterWithReceiver(String hook) {
        return new MethodAdvice() {
            @Override
            void onEnter(MethodVisitor code) {
                hooks(code);
                receiver(code);
                call(code, hook, "(Ljava/lang/Object;)V");
            }
        };
    }

    /** Advice that calls a hook taking {@code (Object statement)} before each return. */
    static MethodAdvice onReturnWithReceiver(String hook) {
        return new MethodAdvice() {
            @Override
            void onReturn(MethodVisitor code) {
                hooks(code);
                receiver(code);
                call(code, hook, "(Ljava/lang/Object;)V");
            }
        };
    }

    /** Advice for a call that ends, returning or throwing, in {@code exitHook(this, thrown or null)}. */
    abstract static class EndingWithThrown extends MethodAdvice {
        private static final String EXIT = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";

        private final String exitHook;

        EndingWithThrown(String exitHook) {
            this.exitHook = exitHook;
        }

        @Override
        final void onReturn(MethodVisitor code) {
            hooks(code);
            receiver(code);
            code.visitInsn(Opcodes.ACONST_NULL);
            call(code, exitHook, EXIT);
        }

        @Override
        final int argumentsReadOnThrow() {
            return 0;
        }

        @Override
        final void onThrow(MethodVisitor code) {
            hooksAndReceiverUnderThrowable(code);
            call(code, exitHook, EXIT);
        }
    }
}
