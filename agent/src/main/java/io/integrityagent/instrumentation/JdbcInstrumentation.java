package io.integrityagent.instrumentation;

import java.lang.instrument.Instrumentation;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;

/**
 * Installs the agent's class transformer with its {@link TypeInstrumentation}s: every class implementing
 * {@code java.sql.Statement} (prepared and callable ones included) and {@code java.sql.Connection}, from any
 * driver and class loader that resolves the bootstrap hooks, and the class loaders that must be made to.
 */
public final class JdbcInstrumentation {

    private JdbcInstrumentation() {
    }

    /**
     * Instruments the JDBC classes loaded from now on, then those already loaded (when attached to a running
     * JVM, or a driver loaded before the agent). {@code countFailure} counts each class left uninstrumented.
     */
    public static void install(Instrumentation instrumentation, Runnable countFailure) {
        InstrumentationFailures failures = new InstrumentationFailures(countFailure);
        instrumentation.addTransformer(transformer(instrumentation, failures), true);
        // Class loaders first: the JDBC classes they hold can only be instrumented once they delegate the hooks.
        retransformLoaded(instrumentation, failures, ClassLoader.class::isAssignableFrom);
        retransformLoaded(instrumentation, failures,
                loaded -> Statement.class.isAssignableFrom(loaded) || Connection.class.isAssignableFrom(loaded));
    }

    static JdbcTransformer transformer(Instrumentation instrumentation, InstrumentationFailures failures) {
        JdbcClasses.HookVisibility visibility = new JdbcClasses.HookVisibility(failures);
        JdbcClasses statements = new JdbcClasses(
                new Subtypes(Statement.class, PreparedStatement.class, CallableStatement.class), visibility);
        JdbcClasses connections = new JdbcClasses(new Subtypes(Connection.class), visibility);
        List<TypeInstrumentation> instrumentations = List.of(
                new BootDelegationInstrumentation(),
                new CaptureFieldInstrumentation(statements),
                new StatementInstrumentation(statements),
                new PreparedStatementInstrumentation(statements),
                new ConnectionInstrumentation(connections));
        return new JdbcTransformer(instrumentations, failures, instrumentation);
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
}
