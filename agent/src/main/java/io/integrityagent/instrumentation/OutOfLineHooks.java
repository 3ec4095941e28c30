package io.integrityagent.instrumentation;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Marks the static hooks of {@code Hooks} with the JDK's {@code @DontInline}, so that the JIT compiles a bind with
 * a call to its hook and not with the hook's code (see {@code Hooks}). HotSpot honours the annotation only in
 * classes of the bootstrap and platform class loaders, which is where the agent defines {@code Hooks}; the
 * annotation type is not exported from {@code java.base}, so it is added to the class file here rather than
 * written in its source.
 */
final class OutOfLineHooks {

    static final String DONT_INLINE = "Ljdk/internal/vm/annotation/DontInline;";

    private OutOfLineHooks() {
    }

    /** The class file with every static method but its initialiser marked; nothing else changes. */
    static byte[] mark(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & Opcodes.ACC_STATIC) == 0 || name.equals("<clinit>")) {
                    return method;
                }
                method.visitAnnotation(DONT_INLINE, true).visitEnd();
                // Not the writer's own visitor: given that, ASM copies the method as it was and drops the mark.
                return new MethodVisitor(Opcodes.ASM9, method) {
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
