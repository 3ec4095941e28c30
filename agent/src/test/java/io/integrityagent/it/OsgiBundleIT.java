package io.integrityagent.it;

import io.integrityagent.it.apps.Fingerprint;
import io.integrityagent.it.isolated.ApplicationBundle;
import io.integrityagent.it.isolated.IsolatedViolations;
import io.integrityagent.it.isolated.OsgiApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * Apache Felix with its default settings (no boot delegation configured), the H2 jar installed as the bundle
 * it is, and the application as a bundle built here that imports {@code org.h2}: each bundle's class loader
 * sees only its own classes, its imports and {@code java.*}.
 */
class OsgiBundleIT extends IsolatedDriverContract {

    private static Runs runs;

    @BeforeAll
    static void runTheFrameworkWithAndWithoutTheAgent() throws Exception {
        Path applicationBundle = applicationBundle();
        runs = Runs.of(List.of("org.apache.felix.framework"), OsgiApplication.class,
                AgentProcess.jarOf("h2").toString(), applicationBundle.toString());
    }

    /** The application's classes in a bundle of their own, activated by {@link ApplicationBundle}. */
    private static Path applicationBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.integrityagent.it.application");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", ApplicationBundle.class.getName());
        main.putValue("Import-Package", "org.h2, org.osgi.framework");
        Path bundle = Files.createTempDirectory("osgi-it").resolve("application.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(bundle), manifest)) {
            for (Class<?> type : List.of(IsolatedViolations.class, ApplicationBundle.class, Fingerprint.class)) {
                add(jar, type);
            }
        }
        return bundle;
    }

    /** Adds the class file of {@code type} and of its nested classes. */
    private static void add(JarOutputStream jar, Class<?> type) throws IOException {
        String path = type.getName().replace('.', '/');
        Path directory = AgentProcess.testClasses().resolve(path).getParent();
        String simpleName = path.substring(path.lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.equals(simpleName + ".class") || name.startsWith(simpleName + "$")) {
                    jar.putNextEntry(new JarEntry(path.substring(0, path.lastIndexOf('/') + 1) + name));
                    Files.copy(file, jar);
                    jar.closeEntry();
                }
            }
        }
    }

    @Override
    Runs runs() {
        return runs;
    }

    @Override
    String expectedLoaders() {
        return "application=org.apache.felix.framework.BundleWiringImpl$BundleClassLoader"
                + " driver=org.apache.felix.framework.BundleWiringImpl$BundleClassLoader";
    }
}
