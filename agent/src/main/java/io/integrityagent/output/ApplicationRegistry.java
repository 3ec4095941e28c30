package io.integrityagent.output;

import java.lang.reflect.Method;
import java.util.function.ToDoubleFunction;

/**
 * The application's own Micrometer global registry ({@code io.micrometer.core.instrument.Metrics.globalRegistry}),
 * reached only by reflection on the classes its class loader gives, so the application's Micrometer is never
 * bundled, shadowed or mixed with the agent's relocated copy. Spring Boot's auto-configured registries join that
 * global registry by default ({@code management.metrics.use-global-registry}), so a meter registered here
 * appears at {@code /actuator/prometheus}.
 */
final class ApplicationRegistry implements MeterBinding {

    /**
     * The application's Micrometer package, assembled at run time: relocation rewrites string constants too, and
     * would otherwise point this at the agent's own copy.
     */
    static final String MICROMETER = String.join(".", "io", "micrometer");
    static final String METRICS_CLASS = MICROMETER + ".core.instrument.Metrics";

    private static final ToDoubleFunction<Series> COUNT = Series::count;

    private final Object globalRegistry;
    private final Method builder;
    private final Method description;
    private final Method tags;
    private final Method register;

    private ApplicationRegistry(Object globalRegistry, Method builder, Method description, Method tags,
                                Method register) {
        this.globalRegistry = globalRegistry;
        this.builder = builder;
        this.description = description;
        this.tags = tags;
        this.register = register;
    }

    /**
     * Finds the global registry of the Micrometer that {@code loader} sees, initialising its {@code Metrics} class
     * if the application has not yet.
     *
     * @throws ReflectiveOperationException if that Micrometer lacks what the agent uses (before 1.0, or changed)
     */
    static ApplicationRegistry of(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> metrics = Class.forName(METRICS_CLASS, true, loader);
        Class<?> meterRegistry = Class.forName(MICROMETER + ".core.instrument.MeterRegistry", false, loader);
        Class<?> functionCounter = Class.forName(MICROMETER + ".core.instrument.FunctionCounter", false, loader);
        Method builder = functionCounter.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
        Class<?> builderType = builder.getReturnType();
        return new ApplicationRegistry(metrics.getField("globalRegistry").get(null), builder,
                builderType.getMethod("description", String.class),
                builderType.getMethod("tags", String[].class),
                builderType.getMethod("register", meterRegistry));
    }

    /**
     * Registers a function counter reading the series' count. Micrometer holds the series weakly; the agent keeps
     * it for good, so the counter lives as long as the application's registry.
     */
    @Override
    public void bind(Series series) {
        try {
            Object counter = builder.invoke(null, series.meter().name(), series, COUNT);
            description.invoke(counter, series.meter().description());
            tags.invoke(counter, (Object) series.tagKeyValues());
            register.invoke(counter, globalRegistry);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot register " + series.meter().name() + " in the application's"
                    + " Micrometer", e);
        }
    }
}
