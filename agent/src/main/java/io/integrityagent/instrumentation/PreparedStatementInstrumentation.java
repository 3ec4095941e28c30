package io.integrityagent.instrumentation;

import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * {@code java.sql.PreparedStatement}'s methods: the {@code setXxx(int index, value, …)} binds, {@code addBatch()}
 * and {@code clearParameters()}. Primitive values are handed over unboxed, and a value is recorded after the
 * driver accepted it. Every bind by index that no typed advice below takes is bound as an object.
 */
final class PreparedStatementInstrumentation implements TypeInstrumentation {

    /** The typed binds, by the arguments they take: each hook gets the value in its own type. */
    private static final Map<String, MethodAdvice> TYPED_BINDS = Map.of(
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

    private static final MethodAdvice BIND_OBJECT = bind("boundObject", Opcodes.ALOAD, "Ljava/lang/Object;");
    private static final MethodAdvice BIND_NULL = new MethodAdvice() {
        @Override
        void onReturn(MethodVisitor code) {
            hooks(code);
            receiver(code);
            code.visitVarInsn(Opcodes.ILOAD, 1);
            call(code, "boundNull", "(Ljava/lang/Object;I)V");
        }
    };
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
        return TypeInstrumentation.advising(next, type, PreparedStatementInstrumentation::adviceFor);
    }

    static MethodAdvice adviceFor(String name, String descriptor) {
        if (name.equals("addBatch")) {
            return descriptor.startsWith("()") ? ADD_BATCH : null;
        }
        if (name.equals("clearParameters")) {
            return descriptor.startsWith("()") ? CLEAR_PARAMETERS : null;
        }
        if (!name.startsWith("set") || !descriptor.startsWith("(I")) {
            return null;
        }
        if (name.equals("setNull")) {
            return BIND_NULL;
        }
        if (PLACEHOLDER_BINDS.contains(name)) {
            return placeholder(name);
        }
        MethodAdvice typed = TYPED_BINDS.get(name + descriptor.substring(0, descriptor.indexOf(')') + 1));
        if (typed != null) {
            return typed;
        }
        Type[] arguments = Type.getArgumentTypes(descriptor);
        boolean objectValue = arguments.length >= 2
                && (arguments[1].getSort() == Type.OBJECT || arguments[1].getSort() == Type.ARRAY);
        return objectValue ? BIND_OBJECT : null;
    }

    /** A bind handing {@code (this, index, value)} to {@code hook}; the value is the second argument, slot 2. */
    private static MethodAdvice bind(String hook, int loadValue, String valueDescriptor) {
        String descriptor = "(Ljava/lang/Object;I" + valueDescriptor + ")V";
        return new MethodAdvice() {
            @Override
            void onReturn(MethodVisitor code) {
                hooks(code);
                receiver(code);
                code.visitVarInsn(Opcodes.ILOAD, 1);
                code.visitVarInsn(loadValue, 2);
                call(code, hook, descriptor);
            }
        };
    }

    private static MethodAdvice placeholder(String setterName) {
        return new MethodAdvice() {
            @Override
            void onReturn(MethodVisitor code) {
                hooks(code);
                receiver(code);
                code.visitVarInsn(Opcodes.ILOAD, 1);
                code.visitLdcInsn(setterName);
                call(code, "boundPlaceholder", "(Ljava/lang/Object;ILjava/lang/String;)V");
            }
        };
    }
}
