package io.integrityagent.output;

import io.integrityagent.report.ViolationReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's own metrics, in its own Prometheus registry. Every tag value passes through a {@link TagValues}
 * bound per tag key, so no application behaviour can make the series count grow without limit and no tag ever
 * carries anything but an identifier. Thread-safe.
 */
public final class AgentMetrics {

    private static final String VIOLATIONS = "db.integrity.violations";
    private static final String ERRORS = "integrity.agent.errors";

    public static final int DEFAULT_TAG_VALUE_LIMIT = 100;

    private volatile Meters meters;

    private final TagValues kinds;
    private final TagValues constraints;
    private final TagValues dbSystems;
    private final TagValues tables;
    private final TagValues operations;
    private final TagValues stages;

    /** Keyed by the admitted tag values, so the caches are bounded just like the series. */
    private final ConcurrentMap<List<String>, Counter> violationCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errorCounters = new ConcurrentHashMap<>();

    public AgentMetrics() {
        this(DEFAULT_TAG_VALUE_LIMIT);
    }

    /** @param tagValueLimit how many distinct values each tag key may take before further ones become _OTHER */
    public AgentMetrics(int tagValueLimit) {
        kinds = new TagValues(tagValueLimit);
        constraints = new TagValues(tagValueLimit);
        dbSystems = new TagValues(tagValueLimit);
        tables = new TagValues(tagValueLimit);
        operations = new TagValues(tagValueLimit);
        stages = new TagValues(tagValueLimit);
    }

    public void countViolation(ViolationReport r) {
        List<String> tagValues = Arrays.asList(
                kinds.admit(r.kind() == null ? null : r.kind().label()),
                constraints.admit(r.constraint()),
                dbSystems.admit(r.db()),
                tables.admit(r.table()),
                operations.admit(r.operation()));
        violationCounters.computeIfAbsent(tagValues, this::violationCounter).increment();
    }

    /** @param stage a short identifier of where the agent failed, e.g. {@code pipeline}, {@code events} */
    public void countInternalError(String stage) {
        errorCounters.computeIfAbsent(stages.admit(stage), this::errorCounter).increment();
    }

    /** All metrics in the Prometheus text exposition format (0.0.4). */
    public String scrape() {
        return meters().registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return meters().registry;
    }

    /** Feeds every meter, those counted so far and those to come, into {@code registry} as well (e.g. OTLP). */
    public void publishTo(MeterRegistry registry) {
        meters().all.add(registry);
    }

    private Meters meters() {
        Meters created = meters;
        if (created == null) {
            synchronized (this) {
                created = meters;
                if (created == null) {
                    created = new Meters();
                    meters = created;
                }
            }
        }
        return created;
    }

    private Counter violationCounter(List<String> tagValues) {
        return meters().violations(tagValues);
    }

    private Counter errorCounter(String stage) {
        return meters().errors(stage);
    }

    /**
     * Micrometer's side, created on first use and kept in a class of its own so that not even the verification
     * of AgentMetrics loads it: Micrometer costs about 100 ms of start-up that most applications never need.
     */
    private static final class Meters {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        /** Where meters are registered: the Prometheus registry plus any added by {@link #publishTo}. */
        final CompositeMeterRegistry all = new CompositeMeterRegistry();

        Meters() {
            all.add(registry);
        }

        Counter violations(List<String> tagValues) {
            return Counter.builder(VIOLATIONS)
                    .description("Integrity-constraint violations the database reported for statements sent"
                            + " through JDBC")
                    .tag("constraint.kind", tagValues.get(0))
                    .tag("constraint.name", tagValues.get(1))
                    .tag("db.system.name", tagValues.get(2))
                    .tag("db.collection.name", tagValues.get(3))
                    .tag("db.operation.name", tagValues.get(4))
                    .register(all);
        }

        Counter errors(String stage) {
            return Counter.builder(ERRORS)
                    .description("Failures inside Integrity Agent itself; the application was not affected")
                    .tag("stage", stage)
                    .register(all);
        }
    }
}
