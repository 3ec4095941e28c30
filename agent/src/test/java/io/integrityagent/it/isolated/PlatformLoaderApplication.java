package io.integrityagent.it.isolated;

import io.integrityagent.it.apps.MetricsScrape;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;

/**
 * A host that loads its JDBC driver (H2, from the jar named by the first argument) in a URLClassLoader whose
 * parent is the platform class loader, as plugin hosts and module systems do: the driver cannot see the
 * application's class path, nor the agent's jar on it.
 */
public final class PlatformLoaderApplication {

    public static void main(String[] args) throws Exception {
        URL driverJar = Path.of(args[0]).toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {driverJar}, ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor()
                    .newInstance();
            try (Connection c = driver.connect("jdbc:h2:mem:isolated", new Properties())) {
                IsolatedViolations.describeLoaders(c);
                IsolatedViolations.run(c);
            }
        }
        MetricsScrape.saveIfAsked();
    }
}
