package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.util.JdkPackages;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * The agent's class file transformer. A class implementing a JDBC method names a {@code java/sql/} type in its
 * class file (every such method throws SQLException), and a class loader overriding {@code loadClass(String,
 * boolean)} names its descriptor, so any other class file is passed over after one scan of its bytes. The rest
 * are judged by their header; only those an instrumentation applies to are parsed and rewritten, with ASM and
 * without computing frames or reading any other class (which could load classes in the middle of a transform).
 */
final class JdbcTransformer implements ClassFileTransformer {

    private static final byte[] JAVA_SQL = "java/sql/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOAD_CLASS =
            BootDelegationInstrumentation.LOAD_CLASS_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final CodeSource AGENT = JdbcTransformer.class.getProtectionDomain().getCodeSource();

    private final List<TypeInstrumentation> instrumentations;
    private final InstrumentationFailures failures;
    private final Instrumentation instrumentation;

    JdbcTransformer(List<TypeInstrumentation> instrumentations, InstrumentationFailures failures,
                    Instrumentation instrumentation) {
        this.instrumentations = instrumentations;
        this.failures = failures;
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || className == null
                || classBeingRedefined == null && !contains(classFile, JAVA_SQL) && !contains(classFile, LOAD_CLASS)
                || fromAgentJar(domain)) {
            return null;
        }
        try {
            return transform(new LoadingClass(new ClassReader(classFile), loader, module, classBeingRedefined));
        } catch (Throwable failure) {
            failures.report(loader, className.replace('/', '.'), "transforming it failed (" + failure + ")");
            return null;
        }
    }

    private byte[] transform(LoadingClass type) {
        if (JdkPackages.contains(type.name()) || type.isInterface() || type.isSynthetic()
                // A proxy only forwards to its handler; the statement behind it is instrumented.
                || "java/lang/reflect/Proxy".equals(type.superName())
                // So does a pool's proxy statement and connection, to the driver's.
                || PoolProxies.contains(type.name())) {
            return null;
        }
        ClassWriter writer = new ClassWriter(type.reader(), 0);
        ClassVisitor chain = writer;
        for (TypeInstrumentation instrumentation : instrumentations) {
            if (instrumentation.appliesTo(type)) {
                chain = instrumentation.transform(chain, type);
            }
        }
        if (chain == writer) {
            return null;
        }
        type.reader().accept(chain, ClassReader.EXPAND_FRAMES);
        if (!type.isChanged()) {
            return null;
        }
        byte[] transformed = writer.toByteArray();
        if (type.inNamedModule()) {
            readBootstrapPackage(type);
        }
        return transformed;
    }

    /** A driver in a named module reads the bootstrap package's unnamed module only when told to. */
    private void readBootstrapPackage(LoadingClass type) {
        Module driver = type.module();
        Module hooks = Hooks.class.getModule();
        if (!driver.canRead(hooks)) {
            instrumentation.redefineModule(driver, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /**
     * The agent's own classes, told by the jar they come from rather than by package, so that applications
     * (and the agent's tests) may use the same package prefix and still be instrumented.
     */
    private static boolean fromAgentJar(ProtectionDomain domain) {
        return domain != null && Objects.equals(domain.getCodeSource(), AGENT);
    }

    static boolean contains(byte[] data, byte[] pattern) {
        byte first = pattern[0];
        int last = data.length - pattern.length;
        outer:
        for (int i = 0; i < last + 1; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
