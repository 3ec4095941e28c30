package io.integrityagent.instrumentation;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Class loaders that do not ask the bootstrap class loader first — OSGi bundles' (Felix, Equinox), JBoss
 * Modules' — would not find the agent's bootstrap package, and advice in their drivers could not run. Their
 * {@code loadClass} answers that one package from the bootstrap class path, as an OSGi framework configured with
 * {@code org.osgi.framework.bootdelegation=io.integrityagent.bootstrap.*} would (OpenTelemetry's Java agent
 * does the same). Every other name goes the loader's own way; the code inlined references {@code java.base} only.
 */
final class BootDelegationInstrumentation implements TypeInstrumentation {

    /** Also in {@link JdbcTransformer}: only a class file naming it can override {@code loadClass}. */
    static final String LOAD_CLASS_DESCRIPTOR = "(Ljava/lang/String;Z)Ljava/lang/Class;";
    static final String BOOTSTRAP_PACKAGE = "io.integrityagent.bootstrap.";

    private final Subtypes classLoaders;

    /** @param classLoaders the subclasses of {@code ClassLoader} */
    BootDelegationInstrumentation(Subtypes classLoaders) {
        this.classLoaders = classLoaders;
    }

    @Override
    public boolean appliesTo(LoadingClass type) {
        return classLoaders.matches(type);
    }

    @Override
    public ClassVisitor transform(ClassVisitor next, LoadingClass type) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean loadClass = name.equals("loadClass") && (access & Opcodes.ACC_STATIC) == 0
                        && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                        && (descriptor.equals(LOAD_CLASS_DESCRIPTOR)
                                || descriptor.equals("(Ljava/lang/String;)Ljava/lang/Class;"));
                if (!loadClass || method == null) {
                    return method;
                }
                type.changed();
                return new BootstrapFirst(method, type.internalName(), descriptor, type.hasFrames());
            }
        };
    }

    /**
     * Prepends {@code if (name != null && name.startsWith(BOOTSTRAP_PACKAGE)) try { return Class.forName(name,
     * false, null); } catch (Throwable notThere) {}} to {@code loadClass}.
     */
    private static final class BootstrapFirst extends MethodVisitor {
        private final String owner;
        private final String descriptor;
        private final boolean frames;

        BootstrapFirst(MethodVisitor next, String owner, String descriptor, boolean frames) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.descriptor = descriptor;
            this.frames = frames;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label ownWay = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label notThere = new Label();
            mv.visitTryCatchBlock(tryStart, tryEnd, notThere, "java/lang/Throwable");
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitJumpInsn(Opcodes.IFNULL, ownWay);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitLdcInsn(BOOTSTRAP_PACKAGE);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "startsWith", "(Ljava/lang/String;)Z",
                    false);
            mv.visitJumpInsn(Opcodes.IFEQ, ownWay);
            mv.visitLabel(tryStart);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                    "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false);
            mv.visitLabel(tryEnd);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitLabel(notThere);
            frame("java/lang/Throwable");
            mv.visitInsn(Opcodes.POP);
            mv.visitLabel(ownWay);
            frame(null);
            // The method's own code may begin with a frame of its own, which must not share this offset.
            mv.visitInsn(Opcodes.NOP);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 3), maxLocals);
        }

        /** The method's frame on entry, with {@code onStack} on the operand stack if not null. */
        private void frame(String onStack) {
            if (!frames) {
                return;
            }
            Type[] arguments = Type.getArgumentTypes(descriptor);
            Object[] locals = new Object[1 + arguments.length];
            locals[0] = owner;
            for (int i = 0; i < arguments.length; i++) {
                locals[1 + i] = AdvisedMethod.verificationType(arguments[i]);
            }
            Object[] stack = onStack == null ? new Object[0] : new Object[] {onStack};
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }
}
