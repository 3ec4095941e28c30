package io.integrityagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.util.JdkPackages;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds the agent's class transformer from its {@link TypeInstrumentation}s: every class implementing
 * {@code java.sql.Statement} (prepared and callable ones included) and {@code java.sql.Connection}, from any
 * driver and class loader that resolves the bootstrap hooks, and the class loaders that must be made to.
 */
public final class JdbcInstrumentation {

    private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

    private JdbcInstrumentation() {
    }

    /**
     * Instruments the JDBC classes loaded from now on, then those already loaded (when attached to a running
     * JVM, or a driver loaded before the agent). {@code countFailure} counts each class left uninstrumented.
     */
    public static void install(Instrumentation instrumentation, Runnable countFailure) {
        InstrumentationFailures failures = new InstrumentationFailures(countFailure);
        JdbcClasses.HookVisibility visibility = new JdbcClasses.HookVisibility(failures);
        JdbcClasses statements = new JdbcClasses(
                new JdbcTypes(Statement.class, PreparedStatement.class, CallableStatement.class), visibility);
        JdbcClasses connections = new JdbcClasses(new JdbcTypes(Connection.class), visibility);
        List<TypeInstrumentation> instrumentations = List.of(
                new BootDelegationInstrumentation(),
                new CaptureFieldInstrumentation(statements),
                new StatementInstrumentation(statements),
                new PreparedStatementInstrumentation(statements),
                new ConnectionInstrumentation(connections));

        AgentBuilder agent = inSafeMode(() -> new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED)))
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.DescriptionStrategy.Default.HYBRID)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                // The bootstrap package has no jar to read its class files from; a driver class implements one.
                .with(AgentBuilder.LocationStrategy.ForClassLoader.STRONG
                        .withFallbackTo(new ClassFileLocator.Simple(BootstrapClasses.classFiles())))
                .with(failures)
                // A driver in a named module reads the bootstrap package's unnamed module only when told to.
                .assureReadEdgeTo(instrumentation, Hooks.class)
                .ignore(new FromAgentJar())
                .or(inJdkPackage()
                        .or(isSynthetic())
                        // A proxy only forwards to its handler; the statement behind it is instrumented.
                        .or(hasSuperClass(named("java.lang.reflect.Proxy"))))
                .or(any(), isBootstrapClassLoader());
        for (TypeInstrumentation typeInstrumentation : instrumentations) {
            agent = agent.type(typeInstrumentation.types())
                    .transform((builder, type, loader, module, domain) -> typeInstrumentation.transform(builder));
        }
        ClassFileTransformer byteBuddy = agent.makeRaw();
        instrumentation.addTransformer(new JdbcClassFilter(byteBuddy), true);
        // Class loaders first: the JDBC classes they hold can only be instrumented once they delegate the hooks.
        retransformLoaded(instrumentation, failures, ClassLoader.class::isAssignableFrom);
        retransformLoaded(instrumentation, failures,
                loaded -> Statement.class.isAssignableFrom(loaded) || Connection.class.isAssignableFrom(loaded));
    }

    private static ElementMatcher.Junction<TypeDescription> inJdkPackage() {
        ElementMatcher.Junction<TypeDescription> jdk = none();
        for (String prefix : JdkPackages.PREFIXES) {
            jdk = jdk.or(nameStartsWith(prefix));
        }
        return jdk;
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
    private static void retransformLoaded(Instrumentation instrumentation, InstrumentationFailures failures,
                                          Predicate<Class<?>> kind) {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (kind.test(loaded) && !loaded.isInterface() && loaded.getClassLoader() != null
                    && instrumentation.isModifiableClass(loaded)) {
                try {
                    instrumentation.retransformClasses(loaded);
                } catch (Throwable refused) {
                    failures.report(loaded.getClassLoader(), loaded.getName(),
                            "the JVM refused to retransform it (" + refused + ")");
                }
            }
        }
    }

    /**
     * The agent's own classes, told by the jar they come from rather than by package, so that applications
     * (and the agent's tests) may use the same package prefix and still be instrumented.
     */
    private static final class FromAgentJar implements AgentBuilder.RawMatcher {
        private static final CodeSource AGENT = JdbcInstrumentation.class.getProtectionDomain().getCodeSource();

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module,
                               Class<?> classBeingRedefined, ProtectionDomain domain) {
            return domain != null && Objects.equals(domain.getCodeSource(), AGENT);
        }
    }
}
