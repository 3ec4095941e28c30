package io.integrityagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.integrityagent.capture.CaptureHolder;
import io.integrityagent.capture.StatementCapture;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.CodeSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.WeakHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.FieldPersistence;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What the agent instruments, and with which advice: every class implementing {@code java.sql.Statement}
 * (prepared and callable ones included) and {@code java.sql.Connection}, from any driver and any class loader
 * that can see the agent. Statement classes loaded after the agent also get a field of their own for their
 * capture; classes that were already loaded cannot change shape, so their captures live in a weak table.
 */
public final class JdbcInstrumentation {

    private static final String[] EXECUTE = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
    private static final String[] EXECUTE_BATCH = {"executeBatch", "executeLargeBatch"};
    private static final String[] PLACEHOLDER_SETTERS = {"setAsciiStream", "setBinaryStream", "setCharacterStream",
            "setNCharacterStream", "setUnicodeStream", "setBlob", "setClob", "setNClob", "setSQLXML"};
    private static final String[] PRIMITIVE_SETTERS = {"setInt", "setShort", "setByte", "setLong", "setDouble",
            "setFloat", "setBoolean", "setNull"};

    private static final SeesAgent SEES_AGENT = new SeesAgent();
    private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

    private JdbcInstrumentation() {
    }

    /**
     * Instruments the JDBC classes loaded from now on, then those already loaded (when attached to a running
     * JVM, or a driver loaded before the agent).
     */
    public static void install(Instrumentation instrumentation, AgentBuilder.Listener listener) {
        ClassFileTransformer byteBuddy = inSafeMode(() -> new AgentBuilder.Default(
                        new ByteBuddy().with(TypeValidation.DISABLED)))
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.DescriptionStrategy.Default.HYBRID)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(listener)
                .ignore(new FromAgentJar())
                .or(nameStartsWith("java.")
                        .or(nameStartsWith("javax."))
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(isSynthetic())
                        // A proxy only forwards to its handler; the statement behind it is instrumented.
                        .or(hasSuperClass(named("java.lang.reflect.Proxy"))))
                .or(any(), isBootstrapClassLoader())
                .type(new StatementClasses(true))
                .transform(JdbcInstrumentation::addCaptureField)
                .transform(JdbcInstrumentation::adviseStatement)
                .type(new StatementClasses(false))
                .transform(JdbcInstrumentation::adviseStatement)
                .type(new Connections())
                .transform(JdbcInstrumentation::adviseConnection)
                .makeRaw();
        instrumentation.addTransformer(new JdbcClassFilter(byteBuddy), true);
        retransformLoadedJdbcClasses(instrumentation);
    }

    /**
     * Creates Byte Buddy's agent builder in its safe mode, which keeps it from sun.misc.Unsafe: its default
     * class injector probes Unsafe when first loaded, and JDK 24+ prints warnings about that on the
     * application's stderr. The agent injects no classes, so it loses nothing. The property is the relocated
     * copy's own (shading renames it with the package) and is removed again once read.
     */
    private static AgentBuilder inSafeMode(Supplier<AgentBuilder> creation) {
        String previous = System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
        try {
            return creation.get();
        } finally {
            if (previous == null) {
                System.clearProperty(BYTE_BUDDY_SAFE_MODE);
            } else {
                System.setProperty(BYTE_BUDDY_SAFE_MODE, previous);
            }
        }
    }

    /** One class at a time, so that a class the JVM refuses to retransform leaves the others instrumented. */
    private static void retransformLoadedJdbcClasses(Instrumentation instrumentation) {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            boolean jdbc = Statement.class.isAssignableFrom(loaded) || Connection.class.isAssignableFrom(loaded);
            if (jdbc && !loaded.isInterface() && loaded.getClassLoader() != null
                    && instrumentation.isModifiableClass(loaded)) {
                try {
                    instrumentation.retransformClasses(loaded);
                } catch (Throwable refused) {
                    JdbcHooks.countInternalFailure();
                }
            }
        }
    }

    private static net.bytebuddy.dynamic.DynamicType.Builder<?> addCaptureField(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
            net.bytebuddy.utility.JavaModule module, java.security.ProtectionDomain domain) {
        return builder
                .defineField(CaptureHolder.FIELD_NAME, StatementCapture.class, Visibility.PRIVATE,
                        FieldPersistence.TRANSIENT, SyntheticState.SYNTHETIC)
                .implement(CaptureHolder.class)
                .intercept(FieldAccessor.ofField(CaptureHolder.FIELD_NAME));
    }

    private static net.bytebuddy.dynamic.DynamicType.Builder<?> adviseStatement(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
            net.bytebuddy.utility.JavaModule module, java.security.ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isAbstract()));
        ElementMatcher.Junction<MethodDescription> bindsByIndex = concrete.and(nameStartsWith("set"))
                .and(takesArgument(0, int.class));
        AsmVisitorWrapper.ForDeclaredMethods advice = new AsmVisitorWrapper.ForDeclaredMethods()
                .method(concrete.and(namedOneOf(EXECUTE)).and(takesArguments(0)),
                        Advice.to(StatementAdvice.Execute.class))
                .method(concrete.and(namedOneOf(EXECUTE)).and(takesArgument(0, String.class)),
                        Advice.to(StatementAdvice.ExecuteSql.class))
                .method(concrete.and(namedOneOf(EXECUTE_BATCH)).and(takesArguments(0)),
                        Advice.to(StatementAdvice.ExecuteBatch.class))
                .method(concrete.and(named("addBatch")).and(takesArguments(0)),
                        Advice.to(StatementAdvice.AddBatch.class))
                .method(concrete.and(named("addBatch")).and(takesArguments(String.class)),
                        Advice.to(StatementAdvice.AddBatchSql.class))
                .method(concrete.and(named("clearBatch")).and(takesArguments(0)),
                        Advice.to(StatementAdvice.ClearBatch.class))
                .method(concrete.and(named("clearParameters")).and(takesArguments(0)),
                        Advice.to(StatementAdvice.ClearParameters.class))
                .method(concrete.and(named("close")).and(takesArguments(0)),
                        Advice.to(StatementAdvice.Close.class))
                .method(bindsByIndex.and(named("setNull")), Advice.to(ParameterAdvice.BindNull.class))
                .method(bindsByIndex.and(named("setInt")).and(takesArguments(int.class, int.class)),
                        Advice.to(ParameterAdvice.BindInt.class))
                .method(bindsByIndex.and(named("setShort")).and(takesArguments(int.class, short.class)),
                        Advice.to(ParameterAdvice.BindShort.class))
                .method(bindsByIndex.and(named("setByte")).and(takesArguments(int.class, byte.class)),
                        Advice.to(ParameterAdvice.BindByte.class))
                .method(bindsByIndex.and(named("setLong")).and(takesArguments(int.class, long.class)),
                        Advice.to(ParameterAdvice.BindLong.class))
                .method(bindsByIndex.and(named("setDouble")).and(takesArguments(int.class, double.class)),
                        Advice.to(ParameterAdvice.BindDouble.class))
                .method(bindsByIndex.and(named("setFloat")).and(takesArguments(int.class, float.class)),
                        Advice.to(ParameterAdvice.BindFloat.class))
                .method(bindsByIndex.and(named("setBoolean")).and(takesArguments(int.class, boolean.class)),
                        Advice.to(ParameterAdvice.BindBoolean.class))
                .method(bindsByIndex.and(namedOneOf(PLACEHOLDER_SETTERS)),
                        Advice.to(ParameterAdvice.BindPlaceholder.class))
                .method(bindsByIndex.and(not(namedOneOf(PLACEHOLDER_SETTERS)))
                                .and(not(namedOneOf(PRIMITIVE_SETTERS)))
                                .and(takesArgument(1, not(isPrimitiveType()))),
                        Advice.to(ParameterAdvice.BindObject.class));
        return builder.visit(advice);
    }

    private static ElementMatcher.Junction<TypeDescription> isPrimitiveType() {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return target.isPrimitive();
            }
        };
    }

    private static net.bytebuddy.dynamic.DynamicType.Builder<?> adviseConnection(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
            net.bytebuddy.utility.JavaModule module, java.security.ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isAbstract()));
        return builder
                .visit(Advice.to(ConnectionAdvice.Prepare.class).on(concrete
                        .and(namedOneOf("prepareStatement", "prepareCall")).and(takesArgument(0, String.class))))
                .visit(Advice.to(ConnectionAdvice.Commit.class).on(concrete.and(named("commit").and(takesArguments(0))
                        .or(named("setAutoCommit").and(takesArguments(boolean.class))))));
    }

    /**
     * Statement classes, split by whether they may be given a capture field: when loaded for the first time,
     * or when retransformed after they got one (a retransformation must reproduce the same shape). Classes in
     * named modules never get one: they could not see the agent's interface.
     */
    private static final class StatementClasses implements AgentBuilder.RawMatcher {
        private static final JdbcTypes STATEMENTS =
                new JdbcTypes(Statement.class, PreparedStatement.class, CallableStatement.class);

        private final boolean withField;

        StatementClasses(boolean withField) {
            this.withField = withField;
        }

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, net.bytebuddy.utility.JavaModule module,
                               Class<?> classBeingRedefined, java.security.ProtectionDomain domain) {
            if (!STATEMENTS.matches(type, loader, module, classBeingRedefined, domain)
                    || !SEES_AGENT.matches(loader)) {
                return false;
            }
            boolean canGetField = (module == null || !module.isNamed())
                    && (classBeingRedefined == null || gotCaptureField(classBeingRedefined));
            return canGetField == withField;
        }

        /** The field and the interface are added together, so the class's own interfaces tell. */
        private static boolean gotCaptureField(Class<?> type) {
            return Arrays.asList(type.getInterfaces()).contains(CaptureHolder.class);
        }
    }

    /**
     * The agent's own classes, told by the jar they come from rather than by package, so that applications
     * (and the agent's tests) may use the same package prefix and still be instrumented.
     */
    private static final class FromAgentJar implements AgentBuilder.RawMatcher {
        private static final CodeSource AGENT = JdbcInstrumentation.class.getProtectionDomain().getCodeSource();

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, net.bytebuddy.utility.JavaModule module,
                               Class<?> classBeingRedefined, java.security.ProtectionDomain domain) {
            return domain != null && Objects.equals(domain.getCodeSource(), AGENT);
        }
    }

    /** Connection classes from class loaders that can see the agent. */
    private static final class Connections implements AgentBuilder.RawMatcher {
        private static final JdbcTypes CONNECTIONS = new JdbcTypes(Connection.class);

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, net.bytebuddy.utility.JavaModule module,
                               Class<?> classBeingRedefined, java.security.ProtectionDomain domain) {
            return CONNECTIONS.matches(type, loader, module, classBeingRedefined, domain)
                    && SEES_AGENT.matches(loader);
        }
    }

    /** Only class loaders that resolve the agent's hooks to the agent's own classes can run the advice. */
    private static final class SeesAgent implements ElementMatcher<ClassLoader> {
        private static final Map<ClassLoader, Boolean> SEEN = Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public boolean matches(ClassLoader loader) {
            if (loader == null) {
                return false;
            }
            return SEEN.computeIfAbsent(loader, SeesAgent::resolvesHooks);
        }

        private static boolean resolvesHooks(ClassLoader loader) {
            try {
                return Class.forName(JdbcHooks.class.getName(), false, loader) == JdbcHooks.class;
            } catch (Throwable notVisible) {
                return false;
            }
        }
    }
}
