package io.integrityagent.it.isolated;

import io.integrityagent.it.apps.MetricsScrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts an OSGi framework (whichever is on the class path: Apache Felix in the tests) with its default
 * settings — no boot delegation configured — installs the H2 bundle and the application bundle (the jars named
 * by the arguments) and starts them; the application bundle's activator runs the violations.
 */
public final class OsgiApplication {

    public static void main(String[] args) throws Exception {
        Path storage = Files.createTempDirectory("osgi-storage");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        try {
            Bundle driver = framework.getBundleContext().installBundle(Path.of(args[0]).toUri().toString());
            Bundle application = framework.getBundleContext().installBundle(Path.of(args[1]).toUri().toString());
            driver.start();
            application.start();
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
        MetricsScrape.saveIfAsked();
    }
}
