package io.integrityagent.instrumentation;

import java.lang.instrument.Instrumentation;
import java.net.URLClassLoader;
import java.security.SecureClassLoader;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;

/**
 * Instruments every class implementing {@code java.sql.Statement} (prepared and callable ones included) and
 * {@code java.sql.Connection}, from any driver and class loader that resolves the bootstrap hooks, and the class
 * loaders that must be made to. In two steps, so that the agent's start goes on beside the application's: the
 * transformer is added from {@code premain}, before any class of the application loads, touching neither ASM
 * nor the bootstrap package; once the agent's start thread has put the hooks in place, {@link #hooksInstalled}
 * lets the classes that came meanwhile be rewritten, and retransforms those loaded before.
 */
public final class JdbcInstrumentation {

    private final Instrumentation instrumentation;
    private final InstrumentationFailures failures;
    private final SupertypeHeaders headers = new SupertypeHeaders();
    private final Subtypes statements =
            new Subtypes(headers, Statement.class, PreparedStatement.class, CallableStatement.class);
    private final Subtypes connections = new Subtypes(headers, Connection.class);
    private final Subtypes classLoaders =
            new Subtypes(headers, ClassLoader.class, SecureClassLoader.class, URLClassLoader.class);
    private final PendingRewriter rewriter = new PendingRewriter();
    private final JdbcTransformer transformer;
    /**
     * What loaded before the transformer, which sees every class after it; taken just after it was added, so
     * that a class defined while it was being added is in one or the other. Dropped once retransformed.
     */
    private Class<?>[] loadedBefore;

    JdbcInstrumentation(Instrumentation instrumentation, InstrumentationFailures failures) {
        this.instrumentation = instrumentation;
        this.failures = failures;
        this.transformer = new JdbcTransformer(List.of(statements, connections, classLoaders), failures, rewriter);
    }

    /**
     * Adds the transformer; the classes it is to rewrite wait in it for {@link #hooksInstalled} or
     * {@link #abandon}.
     */
    public static JdbcInstrumentation register(Instrumentation instrumentation) {
        JdbcInstrumentation jdbc = new JdbcInstrumentation(instrumentation, new InstrumentationFailures());
        instrumentation.addTransformer(jdbc.transformer, true);
        jdbc.loadedBefore = instrumentation.getAllLoadedClasses();
        return jdbc;
    }

    /**
     * The bootstrap hooks are installed: classes are rewritten from now on (those that waited for this
     * included), and those loaded before the transformer came (when attached to a running JVM) are
     * retransformed. {@code countFailure} counts each class left uninstrumented.
     */
    public void hooksInstalled(Runnable countFailure) {
        failures.countWith(countFailure);
        ClassRewriter ready = rewriteFromNow();
        try {
            RewriterWarmUp.run(ready);
        } catch (Throwable failed) {
            countFailure.run(); // only slower: the application's first JDBC class will load ASM
        }
        // Class loaders first: the JDBC classes they hold can only be instrumented once they delegate the hooks.
        retransform(ClassLoader.class::isAssignableFrom);
        retransform(loaded -> Statement.class.isAssignableFrom(loaded) || Connection.class.isAssignableFrom(loaded));
        loadedBefore = null;
    }

    /** The agent does not start: the transformer goes, and a class waiting in it loads as it is. */
    public void abandon() {
        instrumentation.removeTransformer(transformer);
        rewriter.abandon();
    }

    JdbcTransformer transformer() {
        return transformer;
    }

    /** Builds the instrumentations, which name the bootstrap package, and lets the transformer use them. */
    ClassRewriter rewriteFromNow() {
        JdbcClasses.HookVisibility visibility = new JdbcClasses.HookVisibility(failures);
        JdbcClasses statementClasses = new JdbcClasses(statements, visibility);
        ClassRewriter ready = new ClassRewriter(List.of(
                new BootDelegationInstrumentation(classLoaders),
                new CaptureFieldInstrumentation(statementClasses),
                new StatementInstrumentation(statementClasses),
                new PreparedStatementInstrumentation(statementClasses),
                new ConnectionInstrumentation(new JdbcClasses(connections, visibility))), instrumentation);
        rewriter.ready(ready);
        return ready;
    }

    /** One class at a time, so that a class the JVM refuses to retransform leaves the others instrumented. */
    private void retransform(Predicate<Class<?>> kind) {
        for (Class<?> loaded : loadedBefore) {
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
