package io.integrityagent.instrumentation;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class file of the agent's definer of classes in the bootstrap class loader: a public
 * {@code BiConsumer<String, byte[]>} whose {@code accept(name, classFile)} calls
 * {@code jdk.internal.misc.Unsafe.getUnsafe().defineClass(name, classFile, 0, classFile.length, null, null)}.
 * {@link BootstrapClasses} defines it in a class loader of its own, whose module alone is given access to
 * {@code jdk.internal.misc}: the application's class path, where the agent itself lives, gains no access it did not
 * have. It is written as bytecode because source compiled for a release cannot name a package that
 * {@code java.base} does not export; calling {@code Unsafe} by reflection instead made JDK 25, whose reflection
 * runs on method handles, spin 24 classes at every start for that one call.
 */
final class BootLoaderDefiner {

    static final String NAME = "io.integrityagent.instrumentation.BootLoaderDefiner$InBootLoader";

    private static final String UNSAFE = "jdk/internal/misc/Unsafe";
    private static final String DEFINE_CLASS =
            "(Ljava/lang/String;[BIILjava/lang/ClassLoader;Ljava/security/ProtectionDomain;)Ljava/lang/Class;";

    private BootLoaderDefiner() {
    }

    static byte[] classFile() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME.replace('.', '/'),
                null, "java/lang/Object", new String[] {"java/util/function/BiConsumer"});

        MethodVisitor constructor = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        constructor.visitCode();
        constructor.visitVarInsn(Opcodes.ALOAD, 0);
        constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        constructor.visitInsn(Opcodes.RETURN);
        constructor.visitMaxs(0, 0);
        constructor.visitEnd();

        MethodVisitor accept = writer.visitMethod(Opcodes.ACC_PUBLIC, "accept",
                "(Ljava/lang/Object;Ljava/lang/Object;)V", null, null);
        accept.visitCode();
        accept.visitMethodInsn(Opcodes.INVOKESTATIC, UNSAFE, "getUnsafe", "()L" + UNSAFE + ";", false);
        accept.visitVarInsn(Opcodes.ALOAD, 1);
        accept.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/String");
        accept.visitVarInsn(Opcodes.ALOAD, 2);
        accept.visitTypeInsn(Opcodes.CHECKCAST, "[B");
        accept.visitInsn(Opcodes.ICONST_0);
        accept.visitVarInsn(Opcodes.ALOAD, 2);
        accept.visitTypeInsn(Opcodes.CHECKCAST, "[B");
        accept.visitInsn(Opcodes.ARRAYLENGTH);
        accept.visitInsn(Opcodes.ACONST_NULL);
        accept.visitInsn(Opcodes.ACONST_NULL);
        accept.visitMethodInsn(Opcodes.INVOKEVIRTUAL, UNSAFE, "defineClass", DEFINE_CLASS, false);
        accept.visitInsn(Opcodes.POP);
        accept.visitInsn(Opcodes.RETURN);
        accept.visitMaxs(0, 0);
        accept.visitEnd();

        writer.visitEnd();
        return writer.toByteArray();
    }
}
