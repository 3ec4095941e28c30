package io.integrityagent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the agent's bootstrap package (the hooks advice calls, see {@code io.integrityagent.bootstrap}) into the
 * bootstrap class loader, where a driver in any class loader resolves it; the rest of the agent stays where the
 * JVM loaded it. The classes are defined there directly: appending a jar to the bootstrap class path instead
 * makes HotSpot print "Sharing is only supported for boot loader classes because bootstrap classpath has been
 * appended" on the application's stderr and give up class data sharing for the application's classes, which
 * is only the fallback. Must run before anything touches the bootstrap package, so that the agent's own class
 * loader, which asks its parents first, finds the same classes there.
 */
public final class BootstrapClasses {

    private static final String PACKAGE = "io.integrityagent.bootstrap.";
    private static final String HOOKS = PACKAGE + "Hooks";
    private static final String PROBE = HOOKS;
    /** Every class of the package, by name: naming them would load them here first (BootstrapClassesTest). */
    static final List<String> CLASSES = List.of(HOOKS, PACKAGE + "JdbcHooks", PACKAGE + "CaptureHolder");

    private BootstrapClasses() {
    }

    public static void install(Instrumentation instrumentation) throws Exception {
        Map<String, byte[]> read = read();
        if (inBootstrapLoader()) {
            // An earlier start of the agent in this JVM put them there; advice calls the static hooks, so hooks
            // without them (an older agent's) would fail in the driver, in the application's hands.
            if (!hasStaticHooks()) {
                throw new IOException("the bootstrap class loader holds another version of " + HOOKS);
            }
            return;
        }
        try {
            defineInBootstrapLoader(instrumentation, read);
        } catch (Throwable unavailable) {
            appendToBootstrapClassPath(instrumentation, read);
        }
        if (!inBootstrapLoader()) {
            throw new IOException("the bootstrap class loader does not find " + PROBE);
        }
    }

    private static void defineInBootstrapLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws Exception {
        PrivateLoader loader = new PrivateLoader();
        Class<?> definerType = loader.define(BootLoaderDefiner.classFile());
        Module javaBase = Object.class.getModule();
        Map<String, Set<Module>> internalMisc = Map.of("jdk.internal.misc", Set.of(loader.getUnnamedModule()));
        instrumentation.redefineModule(javaBase, Set.of(), internalMisc, internalMisc, Set.of(), Map.of());
        @SuppressWarnings("unchecked")
        BiConsumer<String, byte[]> definer = (BiConsumer<String, byte[]>) definerType.getConstructor().newInstance();
        classes.forEach(definer);
    }

    private static void appendToBootstrapClassPath(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws IOException {
        Path jar = Files.createTempFile("integrity-agent-bootstrap", ".jar");
        jar.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    /**
     * The class files, from the agent's own class loader, which already has its jar open; the hooks are marked to
     * stay out of line.
     */
    private static Map<String, byte[]> read() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        ClassLoader agent = BootstrapClasses.class.getClassLoader();
        for (String name : CLASSES) {
            try (InputStream in = agent.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new IOException("no class file of " + name + " in the agent jar");
                }
                byte[] classFile = in.readAllBytes();
                classes.put(name, name.equals(HOOKS) ? OutOfLineHooks.mark(classFile) : classFile);
            }
        }
        return classes;
    }

    private static boolean hasStaticHooks() {
        try {
            Class.forName(HOOKS, false, null).getMethod("prepared", Object.class, String.class);
            return true;
        } catch (ReflectiveOperationException older) {
            return false;
        }
    }

    private static boolean inBootstrapLoader() {
        try {
            return Class.forName(PROBE, false, null) != null;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    /** A class loader of its own for the {@link BootLoaderDefiner}, so that its module is one nobody else is in. */
    private static final class PrivateLoader extends ClassLoader {
        PrivateLoader() {
            super(null);
        }

        Class<?> define(byte[] classFile) {
            return defineClass(null, classFile, 0, classFile.length);
        }
    }
}
