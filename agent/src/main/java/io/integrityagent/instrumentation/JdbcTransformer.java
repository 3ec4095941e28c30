package io.integrityagent.instrumentation;

import io.integrityagent.util.JdkPackages;
import java.lang.instrument.ClassFileTransformer;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Objects;

/**
 * The agent's class file transformer. A class implementing a JDBC method names a {@code java/sql/} type in its
 * class file (every such method throws SQLException), and a class loader overriding {@code loadClass(String,
 * boolean)} names its descriptor, so any other class file is passed over after one scan of its bytes. The rest
 * are judged by their header, without ASM; only the JDBC classes and class loaders are handed to the
 * {@link ClassRewriter}, waiting for it if the agent is still starting.
 */
final class JdbcTransformer implements ClassFileTransformer {

    private static final BytePattern JAVA_SQL = new BytePattern("java/sql/");
    private static final BytePattern LOAD_CLASS =
            new BytePattern(BootDelegationInstrumentation.LOAD_CLASS_DESCRIPTOR);
    private static final CodeSource AGENT = JdbcTransformer.class.getProtectionDomain().getCodeSource();

    /** The kinds of class an instrumentation may apply to. */
    private final List<Subtypes> rewritable;
    private final InstrumentationFailures failures;
    private final PendingRewriter rewriter;

    JdbcTransformer(List<Subtypes> rewritable, InstrumentationFailures failures, PendingRewriter rewriter) {
        this.rewritable = rewritable;
        this.failures = failures;
        this.rewriter = rewriter;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || className == null
                || classBeingRedefined == null && !JAVA_SQL.isIn(classFile) && !LOAD_CLASS.isIn(classFile)
                || fromAgentJar(domain)) {
            return null;
        }
        try {
            LoadingClass type = new LoadingClass(classFile, loader, module, classBeingRedefined);
            return rewritable(type) ? rewrite(type) : null;
        } catch (Throwable failure) {
            failures.report(loader, className.replace('/', '.'), "transforming it failed (" + failure + ")");
            return null;
        }
    }

    private boolean rewritable(LoadingClass type) {
        if (JdkPackages.contains(type.name()) || type.isInterface() || type.isSynthetic()
                // A proxy only forwards to its handler; the statement behind it is instrumented.
                || "java/lang/reflect/Proxy".equals(type.superName())
                // So does a pool's proxy statement and connection, to the driver's.
                || PoolProxies.contains(type.name())) {
            return false;
        }
        for (Subtypes kind : rewritable) {
            if (kind.matches(type)) {
                return true;
            }
        }
        return false;
    }

    private byte[] rewrite(LoadingClass type) {
        ClassRewriter ready = rewriter.await();
        if (ready == null) {
            if (!rewriter.abandoned()) {
                failures.report(type.loader(), type.name(), "the agent had not finished starting");
            }
            return null;
        }
        return ready.rewrite(type);
    }

    /**
     * The agent's own classes, told by the jar they come from rather than by package, so that applications
     * (and the agent's tests) may use the same package prefix and still be instrumented.
     */
    private static boolean fromAgentJar(ProtectionDomain domain) {
        return domain != null && Objects.equals(domain.getCodeSource(), AGENT);
    }
}
