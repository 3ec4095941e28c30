package io.integrityagent.instrumentation;

import java.lang.instrument.Instrumentation;
import java.net.URLClassLoader;
import java.security.SecureClassLoader;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
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
    /**
     * The classes the transformer may rewrite that loaded before it (when attached to a running JVM, the drivers
     * in use), held weakly: only a transformer that can retransform rewrites them, whenever they are.
     */
    private final Set<Class<?>> loadedBefore = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private final JdbcTransformer transformer;
    /** Added only when something loaded before the transformer; null otherwise. */
    private JdbcTransformer retransformer;

    JdbcInstrumentation(Instrumentation instrumentation, InstrumentationFailures failures) {
        this.instrumentation = instrumentation;
        this.failures = failures;
        this.transformer = JdbcTransformer.loading(List.of(statements, connections, classLoaders), failures,
                rewriter, loadedBefore);
    }

    /**
     * Adds the transformer, which cannot retransform: while one that can is registered, the JVM keeps a copy of
     * every class file that loads, which cost every start of an application about 10 ms. The classes it
     * may rewrite that are loaded already are left to a second transformer that can; the classes to rewrite
     * wait in either for {@link #hooksInstalled} or {@link #abandon}.
     */
    public static JdbcInstrumentation register(Instrumentation instrumentation) {
        JdbcInstrumentation jdbc = new JdbcInstrumentation(instrumentation, new InstrumentationFailures());
        instrumentation.addTransformer(jdbc.transformer, false);
        // Taken after adding it: a class to rewrite that loads from now on waits in the transformer for the hooks,
        // not yet defined, so what is loaded by now loaded before the transformer came.
        List<Class<?>> rewritable = new ArrayList<>();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if ((isClassLoader(loaded) || isJdbc(loaded)) && !loaded.isInterface()
                    && loaded.getClassLoader() != null && instrumentation.isModifiableClass(loaded)) {
                rewritable.add(loaded);
            }
        }
        if (!rewritable.isEmpty()) {
            instrumentation.addTransformer(jdbc.loadedBefore(rewritable), true);
        }
        return jdbc;
    }

    /** Leaves {@code classes} to a transformer that can retransform, and returns it. */
    JdbcTransformer loadedBefore(List<Class<?>> classes) {
        loadedBefore.addAll(classes);
        retransformer = transformer.retransforming();
        return retransformer;
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
        retransform(JdbcInstrumentation::isClassLoader);
        retransform(JdbcInstrumentation::isJdbc);
    }

    /** The agent does not start: the transformers go, and a class waiting in one loads as it is. */
    public void abandon() {
        instrumentation.removeTransformer(transformer);
        if (retransformer != null) {
            instrumentation.removeTransformer(retransformer);
        }
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

    private static boolean isClassLoader(Class<?> type) {
        return ClassLoader.class.isAssignableFrom(type);
    }

    private static boolean isJdbc(Class<?> type) {
        return Statement.class.isAssignableFrom(type) || Connection.class.isAssignableFrom(type);
    }

    /** One class at a time, so that a class the JVM refuses to retransform leaves the others instrumented. */
    private void retransform(Predicate<Class<?>> kind) {
        Class<?>[] classes;
        synchronized (loadedBefore) {
            classes = loadedBefore.toArray(new Class<?>[0]);
        }
        for (Class<?> loaded : classes) {
            if (kind.test(loaded)) {
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
