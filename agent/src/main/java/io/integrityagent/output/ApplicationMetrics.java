package io.integrityagent.output;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the agent's meters in the application's own Micrometer, without a line of application code: when a
 * class loader loads Micrometer's {@code Metrics} class, the agent binds its meters to that Micrometer's global
 * registry. Whatever was counted before is there at once, since the counters read the agent's cumulative counts.
 *
 * <p>Nothing of this runs on the application's thread but a name comparison per loaded class and, once per
 * class loader with Micrometer, handing a task to the agent's own thread {@value #THREAD_NAME}. That thread
 * waits a moment before binding, so the application is done loading and initialising {@code Metrics} itself;
 * every failure there is counted under stage {@value #STAGE} and leaves the application as it was.
 */
public final class ApplicationMetrics implements ClassFileTransformer {

    static final String STAGE = "application-metrics";
    static final String THREAD_NAME = "integrity-agent-application-metrics";

    private static final String METRICS_INTERNAL_NAME = ApplicationRegistry.METRICS_CLASS.replace('.', '/');
    private static final long BIND_DELAY_MILLIS = 500;

    private final AgentMetrics metrics;
    private final Map<ClassLoader, Boolean> bound = Collections.synchronizedMap(new WeakHashMap<>());
    private final ScheduledExecutorService binder = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    });

    ApplicationMetrics(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Watches for Micrometer from now on, and binds at once to any Micrometer already loaded (when the agent was
     * attached to a running application).
     */
    public static void watch(Instrumentation instrumentation, AgentMetrics metrics) {
        ApplicationMetrics watcher = new ApplicationMetrics(metrics);
        instrumentation.addTransformer(watcher, false);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getName().equals(ApplicationRegistry.METRICS_CLASS)) {
                watcher.micrometerLoaded(loaded.getClassLoader());
            }
        }
    }

    /** Only notices the class being loaded; never changes a class. */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (METRICS_INTERNAL_NAME.equals(className) && loader != null) {
            micrometerLoaded(loader);
        }
        return null;
    }

    void micrometerLoaded(ClassLoader loader) {
        try {
            if (bound.putIfAbsent(loader, Boolean.TRUE) == null) {
                binder.schedule(() -> bind(loader), BIND_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (Throwable failed) {
            metrics.countInternalError(STAGE);
        }
    }

    /** Runs on the binder thread; so does every registration in the application's registry, old series or new. */
    private void bind(ClassLoader loader) {
        try {
            ApplicationRegistry registry = ApplicationRegistry.of(loader);
            metrics.bindTo(series -> binder.execute(() -> register(registry, series)));
        } catch (Throwable failed) {
            metrics.countInternalError(STAGE);
        }
    }

    private void register(ApplicationRegistry registry, Series series) {
        try {
            registry.bind(series);
        } catch (Throwable failed) {
            metrics.countInternalError(STAGE);
        }
    }
}
