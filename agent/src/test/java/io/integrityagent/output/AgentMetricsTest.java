package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    @Test
    void violationsAppearInPrometheusWithTheirTags() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.countViolation(Reports.uniqueViolation());
        metrics.countViolation(Reports.uniqueViolation());

        String scrape = metrics.scrape();
        assertTrue(scrape.contains("db_integrity_violations_total{constraint_kind=\"unique\","
                + "constraint_name=\"uk_users_email\",db_collection_name=\"users\",db_operation_name=\"INSERT\","
                + "db_system_name=\"h2database\"} 2.0"), scrape);
        assertTrue(scrape.contains("# HELP db_integrity_violations_total Integrity-constraint violations the database"
                + " reported for statements sent through JDBC"), scrape);
    }

    @Test
    void missingFactsAreTaggedUnknown() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.countViolation(ViolationReport.builder().kind(ViolationKind.CHECK).build());

        assertEquals(1.0, violations(metrics, "constraint.kind", "check", "constraint.name", "unknown",
                "db.system.name", "unknown", "db.collection.name", "unknown", "db.operation.name", "unknown"));
    }

    @Test
    void internalErrorsAreCountedPerStage() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.countInternalError("pipeline");
        metrics.countInternalError("pipeline");
        metrics.countInternalError("events");

        String scrape = metrics.scrape();
        assertTrue(scrape.contains("integrity_agent_errors_total{stage=\"pipeline\"} 2.0"), scrape);
        assertTrue(scrape.contains("integrity_agent_errors_total{stage=\"events\"} 1.0"), scrape);
        assertTrue(scrape.contains("# HELP integrity_agent_errors_total Failures inside Integrity Agent itself;"
                + " the application was not affected"), scrape);
    }

    @Test
    void tagValuesBeyondTheLimitBecomeOtherWhileKnownValuesKeepWorking() {
        AgentMetrics metrics = new AgentMetrics(2);

        metrics.countViolation(onTable("orders"));
        metrics.countViolation(onTable("customers"));
        metrics.countViolation(onTable("invoices"));
        metrics.countViolation(onTable("payments"));
        metrics.countViolation(onTable("orders"));

        assertEquals(2.0, tableCount(metrics, "orders"));
        assertEquals(1.0, tableCount(metrics, "customers"));
        assertEquals(2.0, tableCount(metrics, "_OTHER"));
        assertEquals(0.0, tableCount(metrics, "invoices"));
        assertFalse(metrics.scrape().contains("payments"));
    }

    @Test
    void eachTagKeyHasItsOwnLimit() {
        AgentMetrics metrics = new AgentMetrics(1);

        metrics.countViolation(ViolationReport.builder().table("orders").operation("INSERT").build());
        metrics.countViolation(ViolationReport.builder().table("customers").operation("INSERT").build());

        String scrape = metrics.scrape();
        assertTrue(scrape.contains("db_collection_name=\"orders\",db_operation_name=\"INSERT\""), scrape);
        assertTrue(scrape.contains("db_collection_name=\"_OTHER\",db_operation_name=\"INSERT\""), scrape);
    }

    @Test
    void valuesThatAreNotIdentifiersNeverBecomeTags() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.countViolation(ViolationReport.builder().constraint("'secret' OR 1=1").table("users").build());
        metrics.countViolation(ViolationReport.builder().constraint("").table("x".repeat(129)).build());
        metrics.countInternalError("stage with spaces");

        String scrape = metrics.scrape();
        assertFalse(scrape.contains("secret"), scrape);
        assertFalse(scrape.contains("xxxx"), scrape);
        assertFalse(scrape.contains("spaces"), scrape);
        assertTrue(scrape.contains("constraint_name=\"_OTHER\""), scrape);
        assertTrue(scrape.contains("integrity_agent_errors_total{stage=\"_OTHER\"} 1.0"), scrape);
    }

    @Test
    void identifierLikeValuesAreKeptAsTheyAre() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.countViolation(onTable("public.order_items$v2-archive"));
        metrics.countViolation(onTable("Bestellungen_Ä"));

        assertEquals(1.0, tableCount(metrics, "public.order_items$v2-archive"));
        assertEquals(1.0, tableCount(metrics, "Bestellungen_Ä"));
    }

    @Test
    void concurrentCountsAreNotLostAndStayWithinTheLimit() throws Exception {
        AgentMetrics metrics = new AgentMetrics(5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        metrics.countViolation(onTable("table" + ((thread * 1_000 + i) % 20)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<FunctionCounter> counters = new ArrayList<>(metrics.registry().find("db.integrity.violations")
                .functionCounters());
        assertEquals(6, counters.size(), "5 admitted tables plus _OTHER");
        assertEquals(8_000.0, counters.stream().mapToDouble(FunctionCounter::count).sum());
    }

    @Test
    void aRegistryBoundLaterSeesWhatWasCountedBeforeAndWhatComesAfter() {
        AgentMetrics metrics = new AgentMetrics();
        metrics.countViolation(onTable("orders"));
        metrics.countInternalError("log");
        SimpleMeterRegistry late = new SimpleMeterRegistry();

        metrics.bindTo(late);
        metrics.countViolation(onTable("orders"));
        metrics.countViolation(onTable("customers"));

        assertEquals(2.0, late.get("db.integrity.violations").tag("db.collection.name", "orders")
                .functionCounter().count());
        assertEquals(1.0, late.get("db.integrity.violations").tag("db.collection.name", "customers")
                .functionCounter().count());
        assertEquals(1.0, late.get("integrity.agent.errors").tag("stage", "log").functionCounter().count());
        assertEquals(late.get("db.integrity.violations").tag("db.collection.name", "orders")
                .functionCounter().count(), tableCount(metrics, "orders"), "every binding reads the same count");
    }

    @Test
    void eachBindingIsToldOfEachSeriesOnceWhileViolationsRaceTheBinding() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Series> told = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        metrics.countViolation(onTable("table" + (thread * 50 + i)));
                    }
                }));
            }
            metrics.bindTo(told::add);
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(101, told.size(), "100 admitted tables and _OTHER, each once");
        assertEquals(101, told.stream().distinct().count());
    }

    @Test
    void aFailingBindingIsCountedAndTheOthersKeepCounting() {
        AgentMetrics metrics = new AgentMetrics();
        metrics.bindTo(series -> {
            throw new IllegalStateException("broken registry");
        });

        metrics.countViolation(onTable("orders"));

        assertEquals(1.0, tableCount(metrics, "orders"));
        assertTrue(metrics.scrape().contains("integrity_agent_errors_total{stage=\"metrics\"} 1.0"),
                metrics.scrape());
    }

    private static ViolationReport onTable(String table) {
        return ViolationReport.builder().kind(ViolationKind.FOREIGN_KEY).table(table).build();
    }

    private static double tableCount(AgentMetrics metrics, String table) {
        FunctionCounter counter = metrics.registry().find("db.integrity.violations")
                .tag("db.collection.name", table).functionCounter();
        return counter == null ? 0.0 : counter.count();
    }

    private static double violations(AgentMetrics metrics, String... tags) {
        return metrics.registry().get("db.integrity.violations").tags(tags).functionCounter().count();
    }
}
