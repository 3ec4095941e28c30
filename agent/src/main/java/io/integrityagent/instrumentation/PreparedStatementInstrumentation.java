package io.integrityagent.instrumentation;

import static io.integrityagent.instrumentation.TypeInstrumentation.publicConcrete;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.integrityagent.bootstrap.Hooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.sql.PreparedStatement}'s methods: the {@code setXxx(int index, value, …)} binds, {@code addBatch()}
 * and {@code clearParameters()}. One advice per primitive type keeps values unboxed; a value is recorded after the
 * driver accepted it. Every bind by index that no typed advice below takes is bound as an object.
 */
final class PreparedStatementInstrumentation implements TypeInstrumentation {

    private static final ElementMatcher.Junction<MethodDescription> BINDS_BY_INDEX =
            publicConcrete(nameStartsWith("set").and(takesArgument(0, int.class)));

    private static final AsmVisitorWrapper ADVICE = adviceForBinds(new AsmVisitorWrapper.ForDeclaredMethods()
                    .method(publicConcrete(named("addBatch").and(takesArguments(0))), Advice.to(AddBatch.class))
                    .method(publicConcrete(named("clearParameters").and(takesArguments(0))),
                            Advice.to(ClearParameters.class)),
            new TypedBind(named("setNull"), BindNull.class),
            new TypedBind(named("setInt").and(takesArguments(int.class, int.class)), BindInt.class),
            new TypedBind(named("setShort").and(takesArguments(int.class, short.class)), BindShort.class),
            new TypedBind(named("setByte").and(takesArguments(int.class, byte.class)), BindByte.class),
            new TypedBind(named("setLong").and(takesArguments(int.class, long.class)), BindLong.class),
            new TypedBind(named("setDouble").and(takesArguments(int.class, double.class)), BindDouble.class),
            new TypedBind(named("setFloat").and(takesArguments(int.class, float.class)), BindFloat.class),
            new TypedBind(named("setBoolean").and(takesArguments(int.class, boolean.class)), BindBoolean.class),
            new TypedBind(namedOneOf("setAsciiStream", "setBinaryStream", "setCharacterStream", "setNCharacterStream",
                    "setUnicodeStream", "setBlob", "setClob", "setNClob", "setSQLXML"), BindPlaceholder.class));

    private final AgentBuilder.RawMatcher statements;

    PreparedStatementInstrumentation(AgentBuilder.RawMatcher statements) {
        this.statements = statements;
    }

    @Override
    public AgentBuilder.RawMatcher types() {
        return statements;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(ADVICE);
    }

    /** Each typed bind gets its advice, and every other bind by index with an object value the object advice. */
    private static AsmVisitorWrapper adviceForBinds(AsmVisitorWrapper.ForDeclaredMethods advice,
                                                    TypedBind... typedBinds) {
        ElementMatcher.Junction<MethodDescription> typed = none();
        for (TypedBind bind : typedBinds) {
            advice = advice.method(BINDS_BY_INDEX.and(bind.setter), Advice.to(bind.advice));
            typed = typed.or(bind.setter);
        }
        return advice.method(BINDS_BY_INDEX.and(not(typed)).and(takesArgument(1, not(isPrimitive()))),
                Advice.to(BindObject.class));
    }

    private static ElementMatcher.Junction<TypeDescription> isPrimitive() {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return target.isPrimitive();
            }
        };
    }

    private static final class TypedBind {
        final ElementMatcher.Junction<MethodDescription> setter;
        final Class<?> advice;

        TypedBind(ElementMatcher.Junction<MethodDescription> setter, Class<?> advice) {
            this.setter = setter;
            this.advice = advice;
        }
    }

    /** {@code addBatch()}: the entry is what was bound on entry, added once the driver took it. */
    static final class AddBatch {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object statement) {
            return Hooks.jdbc.addingBatch(statement);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Enter Object entry, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                Hooks.jdbc.batchEntryAdded(statement, entry);
            }
        }
    }

    static final class ClearParameters {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement) {
            Hooks.jdbc.parametersCleared(statement);
        }
    }

    static final class BindObject {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) Object value) {
            Hooks.jdbc.boundObject(statement, index, value);
        }
    }

    static final class BindNull {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index) {
            Hooks.jdbc.boundNull(statement, index);
        }
    }

    static final class BindInt {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) int value) {
            Hooks.jdbc.boundInt(statement, index, value);
        }
    }

    static final class BindShort {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) short value) {
            Hooks.jdbc.boundInt(statement, index, value);
        }
    }

    static final class BindByte {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) byte value) {
            Hooks.jdbc.boundInt(statement, index, value);
        }
    }

    static final class BindLong {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) long value) {
            Hooks.jdbc.boundLong(statement, index, value);
        }
    }

    static final class BindDouble {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) double value) {
            Hooks.jdbc.boundDouble(statement, index, value);
        }
    }

    static final class BindFloat {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) float value) {
            Hooks.jdbc.boundFloat(statement, index, value);
        }
    }

    static final class BindBoolean {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Argument(1) boolean value) {
            Hooks.jdbc.boundBoolean(statement, index, value);
        }
    }

    /** Streams and LOBs: only the kind of value is kept. */
    static final class BindPlaceholder {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
                         @Advice.Origin("#m") String setterName) {
            Hooks.jdbc.boundPlaceholder(statement, index, setterName);
        }
    }
}
