package io.integrityagent.instrumentation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the agent's bootstrap package (the hooks advice calls, see {@code io.integrityagent.bootstrap}) on the
 * bootstrap class path, where a driver in any class loader resolves it: the agent jar holds its classes, which
 * are copied into a small jar of their own in the temporary directory. The rest of the agent stays where the JVM
 * loaded it. Must run before anything touches the bootstrap package, so that the agent's own class loader, which
 * asks its parents first, finds the same classes there.
 */
public final class BootstrapJar {

    private static final String PACKAGE_PATH = "io/integrityagent/bootstrap/";
    private static final String PROBE = "io.integrityagent.bootstrap.Hooks";

    private BootstrapJar() {
    }

    public static void appendTo(Instrumentation instrumentation) throws IOException, URISyntaxException {
        if (onBootstrapClassPath()) {
            return; // an earlier agent start in this JVM put it there
        }
        File agentJar = new File(BootstrapJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bootstrapJar = Files.createTempFile("integrity-agent-bootstrap", ".jar");
        bootstrapJar.toFile().deleteOnExit();
        int copied = copyPackage(agentJar, bootstrapJar);
        if (copied == 0) {
            throw new IOException("no " + PACKAGE_PATH + " classes in " + agentJar);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar.toFile()));
        if (!onBootstrapClassPath()) {
            throw new IOException("the bootstrap class loader does not find " + PROBE + " in " + bootstrapJar);
        }
    }

    private static int copyPackage(File agentJar, Path target) throws IOException {
        int copied = 0;
        try (JarFile source = new JarFile(agentJar);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PACKAGE_PATH) && entry.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                    copied++;
                }
            }
        }
        return copied;
    }

    private static boolean onBootstrapClassPath() {
        try {
            return Class.forName(PROBE, false, null) != null;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
