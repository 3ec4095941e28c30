package io.integrityagent.instrumentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * {@code java.sql.PreparedStatement}'s methods: the {@code setXxx(int index, value, …)} binds, {@code addBatch()}
 * and {@code clearParameters()}. Every bind by index that no typed advice below takes is bound as an object.
 *
 * <p>A bind hands its value over on entry, unboxed, to a static hook the JIT keeps out of line (see
 * {@code Hooks}). Early, the call costs the compiled bind a few bytes; on return, the bind's arguments must be
 * kept across its body, and H2's {@code setLong} grew past the size the JIT still inlines into the application.
 * A value the driver then refuses stays recorded until the index is bound again: a statement whose bind failed is
 * seldom executed, and its report shows the value the application meant to send. A bind that calls another bind
 * (SQLite's {@code setBoolean} binds through its {@code setInt}) hands its value over on return, after the inner
 * one, so that the value kept is the one the application bound, not the driver's translation of it.
 */
final class PreparedStatementInstrumentation implements TypeInstrumentation {

    /** The typed binds, by the arguments they take: each hook gets the value in its own type. */
    private static final Map<String, Bind> TYPED_BINDS = Map.of(
            "setInt(II)", bind("boundInt", Opcodes.ILOAD, "I"),
            "setShort(IS)", bind("boundInt", Opcodes.ILOAD, "I"),
            "setByte(IB)", bind("boundInt", Opcodes.ILOAD, "I"),
            "setLong(IJ)", bind("boundLong", Opcodes.LLOAD, "J"),
            "setDouble(ID)", bind("boundDouble", Opcodes.DLOAD, "D"),
            "setFloat(IF)", bind("boundFloat", Opcodes.FLOAD, "F"),
            "setBoolean(IZ)", bind("boundBoolean", Opcodes.ILOAD, "Z"));
    /** Streams and LOBs: only the kind of value is kept. */
    private static final Set<String> PLACEHOLDER_BINDS = Set.of("setAsciiStream", "setBinaryStream",
            "setCharacterStream", "setNCharacterStream", "setUnicodeStream", "setBlob", "setClob", "setNClob",
            "setSQLXML");

    private static final Bind BIND_OBJECT = bind("boundObject", Opcodes.ALOAD, "Ljava/lang/Object;");
    private static final Bind BIND_NULL = new Bind(code -> {
        MethodAdvice.receiver(code);
        code.visitVarInsn(Opcodes.ILOAD, 1);
        MethodAdvice.callOutOfLine(code, "boundNull", "(Ljava/lang/Object;I)V");
    });
    /** {@code addBatch()}: the entry is what was bound on entry, added once the driver took it. */
    private static final MethodAdvice ADD_BATCH = new MethodAdvice() {
        @Override
        void onEnter(MethodVisitor code) {
            hooks(code);
            receiver(code);
            call(code, "addingBatch", "(Ljava/lang/Object;)V");
        }

        @Override
        void onReturn(MethodVisitor code) {
            hooks(code);
            receiver(code);
            call(code, "batchEntryAdded", "(Ljava/lang/Object;)V");
        }
    };
    private static final MethodAdvice CLEAR_PARAMETERS = MethodAdvice.onReturnWithReceiver("parametersCleared");

    private final JdbcClasses statements;

    PreparedStatementInstrumentation(JdbcClasses statements) {
        this.statements = statements;
    }

    @Override
    public boolean appliesTo(LoadingClass type) {
        return statements.matches(type);
    }

    @Override
    public ClassVisitor transform(ClassVisitor next, LoadingClass type) {
        Set<String> delegating = bindsCallingBinds(type.reader());
        return TypeInstrumentation.advising(next, type,
                (name, descriptor) -> adviceFor(name, descriptor, delegating.contains(name + descriptor)));
    }

    /** @param callsABind whether the method's own code calls a bind (of any statement) */
    static MethodAdvice adviceFor(String name, String descriptor, boolean callsABind) {
        if (name.equals("addBatch")) {
            return descriptor.startsWith("()") ? ADD_BATCH : null;
        }
        if (name.equals("clearParameters")) {
            return descriptor.startsWith("()") ? CLEAR_PARAMETERS : null;
        }
        Bind bind = bindFor(name, descriptor);
        return bind == null ? null : callsABind ? bind.onReturn : bind.onEntry;
    }

    private static Bind bindFor(String name, String descriptor) {
        if (!name.startsWith("set") || !descriptor.startsWith("(I")) {
            return null;
        }
        if (name.equals("setNull")) {
            return BIND_NULL;
        }
        if (PLACEHOLDER_BINDS.contains(name)) {
            return placeholder(name);
        }
        Bind typed = TYPED_BINDS.get(name + descriptor.substring(0, descriptor.indexOf(')') + 1));
        if (typed != null) {
            return typed;
        }
        Type[] arguments = Type.getArgumentTypes(descriptor);
        boolean objectValue = arguments.length >= 2
                && (arguments[1].getSort() == Type.OBJECT || arguments[1].getSort() == Type.ARRAY);
        return objectValue ? BIND_OBJECT : null;
    }

    /**
     * The binds of a class, by name and descriptor, whose code reaches another bind: calls a method of a bind's
     * shape, directly or through the class's own other methods and lambdas (MariaDB's {@code setObject} binds
     * through private helpers), unless the class itself declares that method as one that is not advised (H2's
     * private {@code setParameter}). A method of another class counts, as nothing here tells whether it is advised.
     */
    static Set<String> bindsCallingBinds(ClassReader classFile) {
        String self = classFile.getClassName();
        Map<String, Integer> accessByMethod = new HashMap<>();
        Map<String, List<String>> ownCalleesByMethod = new HashMap<>();
        Set<String> callingABindOfAnotherClass = new HashSet<>();
        classFile.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String method = name + descriptor;
                accessByMethod.put(method, access);
                List<String> ownCallees = ownCalleesByMethod.computeIfAbsent(method, key -> new ArrayList<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor,
                                                boolean isInterface) {
                        if (owner.equals(self)) {
                            ownCallees.add(callee + calleeDescriptor);
                        } else if (opcode != Opcodes.INVOKESTATIC && bindFor(callee, calleeDescriptor) != null) {
                            callingABindOfAnotherClass.add(method);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String lambda, String descriptor, Handle bootstrap,
                                                       Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle && ((Handle) argument).getOwner().equals(self)) {
                                ownCallees.add(((Handle) argument).getName() + ((Handle) argument).getDesc());
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Set<String> found = new HashSet<>();
        accessByMethod.forEach((method, access) -> {
            if (isAdvisedBind(method, access) && reachesABind(method, accessByMethod, ownCalleesByMethod,
                    callingABindOfAnotherClass, new HashSet<>())) {
                found.add(method);
            }
        });
        return found;
    }

    private static boolean reachesABind(String method, Map<String, Integer> accessByMethod,
                                        Map<String, List<String>> ownCalleesByMethod,
                                        Set<String> callingABindOfAnotherClass, Set<String> visited) {
        if (!visited.add(method)) {
            return false;
        }
        if (callingABindOfAnotherClass.contains(method)) {
            return true;
        }
        for (String callee : ownCalleesByMethod.getOrDefault(method, List.of())) {
            Integer access = accessByMethod.get(callee);
            if (access == null) {
                if (isBindShaped(callee)) {
                    return true; // inherited: whether it is advised is not known here
                }
            } else if (isAdvisedBind(callee, access)) {
                return true;
            } else if (reachesABind(callee, accessByMethod, ownCalleesByMethod, callingABindOfAnotherClass,
                    visited)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBindShaped(String method) {
        int arguments = method.indexOf('(');
        return bindFor(method.substring(0, arguments), method.substring(arguments)) != null;
    }

    private static boolean isAdvisedBind(String method, int access) {
        return TypeInstrumentation.publicConcrete(access) && isBindShaped(method);
    }

    /** A bind handing {@code (this, index, value)} to {@code hook}; the value is the second argument, slot 2. */
    private static Bind bind(String hook, int loadValue, String valueDescriptor) {
        String descriptor = "(Ljava/lang/Object;I" + valueDescriptor + ")V";
        return new Bind(code -> {
            MethodAdvice.receiver(code);
            code.visitVarInsn(Opcodes.ILOAD, 1);
            code.visitVarInsn(loadValue, 2);
            MethodAdvice.callOutOfLine(code, hook, descriptor);
        });
    }

    private static Bind placeholder(String setterName) {
        return new Bind(code -> {
            MethodAdvice.receiver(code);
            code.visitVarInsn(Opcodes.ILOAD, 1);
            code.visitLdcInsn(setterName);
            MethodAdvice.callOutOfLine(code, "boundPlaceholder", "(Ljava/lang/Object;ILjava/lang/String;)V");
        });
    }

    /** One kind of bind's hand-over, placed on entry or, in a bind that calls a bind, on return. */
    private static final class Bind {
        final MethodAdvice onEntry;
        final MethodAdvice onReturn;

        Bind(Consumer<MethodVisitor> handOver) {
            onEntry = new MethodAdvice() {
                @Override
                void onEnter(MethodVisitor code) {
                    handOver.accept(code);
                }
            };
            onReturn = new MethodAdvice() {
                @Override
                void onReturn(MethodVisitor code) {
                    handOver.accept(code);
                }
            };
        }
    }
}
