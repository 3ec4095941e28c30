package io.integrityagent.it.isolated;

import java.sql.Connection;
import java.util.Properties;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The application bundle's activator: connects through the H2 bundle's driver, imported as OSGi wires it
 * ({@code Import-Package: org.h2}), and runs the violations from inside the bundle.
 */
public final class ApplicationBundle implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:mem:osgi", new Properties())) {
            IsolatedViolations.describeLoaders(c);
            IsolatedViolations.run(c);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
