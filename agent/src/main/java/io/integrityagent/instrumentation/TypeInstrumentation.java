package io.integrityagent.instrumentation;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One kind of class the agent instruments: which classes, and what it does to them, with each hooked method's
 * matcher beside its advice (the layout of the OpenTelemetry Java agent's {@code TypeInstrumentation}s).
 */
interface TypeInstrumentation {

    boolean appliesTo(LoadingClass type);

    /** Wraps the visitor the class file is copied to; called only for classes it applies to. */
    ClassVisitor transform(ClassVisitor next, LoadingClass type);

    /** The methods a class implements itself and an application can call on an instance. */
    static boolean publicConcrete(int access) {
        return (access & Opcodes.ACC_PUBLIC) != 0
                && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC | Opcodes.ACC_NATIVE)) == 0;
    }

    /** Advises each method that {@code advice} gives advice for (non-null), copying the others untouched. */
    static ClassVisitor advising(ClassVisitor next, LoadingClass type, MethodAdviceLookup advice) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                MethodAdvice found = publicConcrete(access) ? advice.find(name, descriptor) : null;
                if (found == null || method == null) {
                    return method;
                }
                type.changed();
                return new AdvisedMethod(method, found, type.internalName(), descriptor, type.hasFrames());
            }
        };
    }

    @FunctionalInterface
    interface MethodAdviceLookup {
        /** The advice for the method with this name and descriptor, or null to leave it alone. */
        MethodAdvice find(String name, String descriptor);
    }
}
