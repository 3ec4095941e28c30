package io.integrityagent.output;

/**
 * A registry the agent's meters are shown in: the agent's own, the application's, an OTLP one. Bound with
 * {@link AgentMetrics#bindTo(MeterBinding)}, it is told of every series once: those that already exist at once,
 * new ones as they appear.
 */
public interface MeterBinding {

    /**
     * Shows {@code series} in this registry, as a counter that reads {@link Series#count()}. May run on the
     * application's thread when a violation creates a new series, so it must be quick and never block; a binding
     * that reaches into the application's classes hands the work to a thread of its own.
     */
    void bind(Series series);
}
