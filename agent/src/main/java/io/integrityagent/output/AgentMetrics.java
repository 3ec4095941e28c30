package io.integrityagent.output;

import io.integrityagent.model.ViolationReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's meters, defined and counted once, in the manner of a Micrometer binder: any number of registries
 * are bound to them ({@link #bindTo(MeterBinding)}) and read the same counts. The agent's own Prometheus
 * registry is one such binding, created on first scrape; the application's registry and an OTLP registry are
 * others. Every tag value passes through a {@link TagValues} bound per tag key, so no application behaviour can
 * make the series count grow without limit and no tag ever carries anything but an identifier. Counting needs
 * no Micrometer at all. Thread-safe.
 */
public final class AgentMetrics {

    public static final MeterDefinition VIOLATIONS = new MeterDefinition("db.integrity.violations",
            "Integrity-constraint violations the database reported for statements sent through JDBC",
            "constraint.kind", "constraint.name", "db.system.name", "db.collection.name", "db.operation.name");
    public static final MeterDefinition ERRORS = new MeterDefinition("integrity.agent.errors",
            "Failures inside Integrity Agent itself; the application was not affected",
            "stage");

    public static final int DEFAULT_TAG_VALUE_LIMIT = 100;

    private final int tagValueLimit;
    private final ConcurrentMap<String, TagValues> tagValues = new ConcurrentHashMap<>();
    /** Keyed by the admitted tag values, so the map is bounded just like the series. */
    private final ConcurrentMap<List<String>, Series> series = new ConcurrentHashMap<>();
    /** Guarded by {@code this}, with the creation of series, so that each binding sees each series once. */
    private final List<MeterBinding> bindings = new ArrayList<>();

    /** Apart from {@code this}, so that creating the registry (Micrometer's start-up) never holds up a violation. */
    private final Object ownRegistryLock = new Object();
    private volatile PrometheusMeterRegistry ownRegistry;

    public AgentMetrics() {
        this(DEFAULT_TAG_VALUE_LIMIT);
    }

    /** @param tagValueLimit how many distinct values each tag key may take before further ones become _OTHER */
    public AgentMetrics(int tagValueLimit) {
        if (tagValueLimit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + tagValueLimit);
        }
        this.tagValueLimit = tagValueLimit;
    }

    public void countViolation(ViolationReport r) {
        count(VIOLATIONS,
                "constraint.kind", r.kind() == null ? null : r.kind().label(),
                "constraint.name", r.constraint(),
                "db.system.name", r.db(),
                "db.collection.name", r.table(),
                "db.operation.name", r.operation());
    }

    /** @param stage a short identifier of where the agent failed, e.g. {@code pipeline}, {@code events} */
    public void countInternalError(String stage) {
        count(ERRORS, "stage", stage);
    }

    /**
     * Shows the agent's meters in {@code binding} from now on: at once every series counted so far, later each
     * new one as it appears. A binding that fails is counted under stage {@code metrics}.
     */
    public void bindTo(MeterBinding binding) {
        List<Series> existing;
        synchronized (this) {
            bindings.add(binding);
            existing = new ArrayList<>(series.values());
        }
        // Outside the lock, so a slow registry cannot hold up new series. A series created meanwhile was either
        // in the snapshot or is told by newSeries, never both.
        existing.forEach(s -> bind(binding, s));
    }

    /** Shows the agent's meters in a registry of the agent's own Micrometer, e.g. an OTLP registry. */
    public void bindTo(MeterRegistry registry) {
        bindTo(new MicrometerBinding(registry));
    }

    /** All metrics in the Prometheus text exposition format (0.0.4). */
    public String scrape() {
        return registry().scrape();
    }

    /** The agent's own Prometheus registry, created and bound on first use. */
    public PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry created = ownRegistry;
        if (created == null) {
            synchronized (ownRegistryLock) {
                created = ownRegistry;
                if (created == null) {
                    MicrometerLogging.silence();
                    created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                    bindTo(created);
                    ownRegistry = created; // published once it shows every series counted so far
                }
            }
        }
        return created;
    }

    /**
     * @param tags key, value, key, value…, every tag key of {@code meter} once, in any order; a value may be
     *             null (tagged {@link TagValues#UNKNOWN})
     */
    private void count(MeterDefinition meter, String... tags) {
        List<String> key = new ArrayList<>(meter.tagKeys().size() + 1);
        key.add(meter.name());
        for (String tagKey : meter.tagKeys()) {
            key.add(tagValuesOf(tagKey).admit(valueOf(tagKey, tags)));
        }
        Series counted = series.get(key);
        if (counted == null) {
            counted = newSeries(meter, key);
        }
        counted.increment();
    }

    private Series newSeries(MeterDefinition meter, List<String> key) {
        Series created;
        List<MeterBinding> toTell;
        synchronized (this) {
            Series existing = series.get(key);
            if (existing != null) {
                return existing;
            }
            created = new Series(meter, key.subList(1, key.size()));
            series.put(key, created);
            toTell = new ArrayList<>(bindings);
        }
        toTell.forEach(binding -> bind(binding, created));
        return created;
    }

    private void bind(MeterBinding binding, Series s) {
        try {
            binding.bind(s);
        } catch (Throwable failed) {
            if (s.meter() != ERRORS) { // an error series that cannot be bound must not recurse
                countInternalError("metrics");
            }
        }
    }

    private TagValues tagValuesOf(String tagKey) {
        TagValues known = tagValues.get(tagKey); // computeIfAbsent may lock its bin even when the key is there
        return known != null ? known : tagValues.computeIfAbsent(tagKey, k -> new TagValues(tagValueLimit));
    }

    private static String valueOf(String tagKey, String[] tags) {
        for (int i = 0; i + 1 < tags.length; i += 2) {
            if (tags[i].equals(tagKey)) {
                return tags[i + 1];
            }
        }
        throw new IllegalArgumentException("no value given for tag " + tagKey);
    }
}
