package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The bridge to the application's Micrometer. In these tests "the application's" Micrometer is the test class
 * path's own, unrelocated one; the integration tests run the relocated agent jar against a real application.
 */
class ApplicationMetricsTest {

    @Test
    void theApplicationsGlobalRegistryGetsEarlierAndLaterViolations() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        SimpleMeterRegistry application = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(application);
        try {
            metrics.countViolation(Reports.uniqueViolation());
            new ApplicationMetrics(metrics).micrometerLoaded(getClass().getClassLoader());
            metrics.countViolation(Reports.uniqueViolation());

            assertEquals(2.0, eventually(() -> {
                FunctionCounter counter = application.find("db.integrity.violations")
                        .tag("constraint.name", "uk_users_email").functionCounter();
                return counter == null ? 0.0 : counter.count();
            }, 2.0));
        } finally {
            Metrics.globalRegistry.remove(application);
            Metrics.globalRegistry.clear();
        }
    }

    @Test
    void aClassLoaderWithoutUsableMicrometerIsCountedAsAFailureAndNothingElseHappens() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        ClassLoader withoutMicrometer = new URLClassLoader(new URL[0], null);

        new ApplicationMetrics(metrics).micrometerLoaded(withoutMicrometer);

        assertEquals(1.0, eventually(() -> {
            FunctionCounter errors = metrics.registry().find("integrity.agent.errors")
                    .tag("stage", "application-metrics").functionCounter();
            return errors == null ? 0.0 : errors.count();
        }, 1.0));
    }

    /** The binding happens on the agent's own thread, half a second after Micrometer was noticed. */
    private static double eventually(DoubleSupplier value, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return value.getAsDouble();
    }
}
