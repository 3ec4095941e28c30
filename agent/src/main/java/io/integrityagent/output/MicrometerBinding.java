package io.integrityagent.output;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds the agent's meters to a registry of the agent's own (relocated) Micrometer: its Prometheus registry, or
 * an OTLP one. Each series is a function counter reading the agent's count, so the registry may be created long
 * after the first violation and still show it.
 */
final class MicrometerBinding implements MeterBinding {

    private final MeterRegistry registry;

    MicrometerBinding(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bind(Series series) {
        FunctionCounter.builder(series.meter().name(), series, Series::count)
                .description(series.meter().description())
                .tags(series.tagKeyValues())
                .register(registry);
    }
}
