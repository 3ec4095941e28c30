package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.ViolationCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent pushes its meters over OTLP/HTTP to a receiver (standing in for an OpenTelemetry
 * Collector), under the service name the OpenTelemetry agent would use for the same process.
 */
class OtlpMetricsIT {

    private static final OtlpReceiver RECEIVER = newReceiver();
    private static AgentProcess.Result run;
    private static Events events;

    private static OtlpReceiver newReceiver() {
        try {
            return new OtlpReceiver();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void runTheApplicationPushingEverySecond() throws Exception {
        Path eventsFile = Files.createTempDirectory("otlp-it").resolve("events.jsonl");
        run = AgentProcess.app().libraries("h2")
                .jvmOption("-Dotel.service.name=checkout")
                .agentArguments("events.file=" + eventsFile + ",otlp.endpoint=" + RECEIVER.url()
                        + ",otlp.interval=1")
                .jvmOption("-Dit.lingerMillis=1500")
                .run(ViolationCatalogue.class, "jdbc:h2:mem:otlp", "-",
                        "uniqueViaPreparedExecuteUpdate,uniqueViaPlainStatementLiterals,repeatedViolations")
                .assertSucceeded();
        events = Events.read(eventsFile);
    }

    @AfterAll
    static void stopTheReceiver() {
        RECEIVER.close();
    }

    @Test
    void theStartUpLineNamesTheOtlpEndpoint() {
        assertTrue(run.stderr.contains("metrics pushed over OTLP to " + RECEIVER.url() + "/v1/metrics every 1 s"),
                run.stderr);
    }

    @Test
    void theAgentsMicrometerWritesNothingIntoTheApplicationsLogging() {
        // Micrometer's OTLP registry announces itself through java.util.logging, the application's own.
        assertFalse(run.stderr.contains("Publishing metrics"), run.stderr);
        assertFalse(run.stderr.contains(".shaded.micrometer."), run.stderr);
    }

    @Test
    void theReceiverGetsOneCountPerEventInTotal() {
        Map<String, Double> sums = RECEIVER.latestSums("db.integrity.violations");
        assertFalse(events.all().isEmpty());
        assertEquals(events.all().size(), sums.values().stream().mapToDouble(Double::doubleValue).sum(), 0.0,
                sums.toString());
    }

    @Test
    void eachConstraintIsCountedWithItsTags() {
        long expected = events.all().stream()
                .filter(e -> e.path("constraint").asText().equals("UQ_USERS_EMAIL")).count();
        assertTrue(expected > 1, "the application repeats this violation");
        Map<String, Double> sums = RECEIVER.latestSums("db.integrity.violations");
        String key = "{constraint.kind=unique, constraint.name=UQ_USERS_EMAIL, db.collection.name=USERS,"
                + " db.operation.name=INSERT, db.system.name=h2database}";
        assertEquals(expected, sums.get(key), 0.0, sums.toString());
    }

    @Test
    void everyExportCarriesTheServiceNameOfTheProcess() {
        assertFalse(RECEIVER.metricResources().isEmpty(), "nothing was pushed");
        RECEIVER.metricResources().forEach(resource -> assertEquals("checkout", resource.get("service.name"),
                resource.toString()));
    }

    @Test
    void anUnreachableCollectorIsCountedAsAnAgentErrorAndLogsNothing() throws Exception {
        int closedPort = AgentProcess.freePort();
        int metricsPort = AgentProcess.freePort();
        Path metricsFile = Files.createTempDirectory("otlp-it").resolve("metrics.txt");
        AgentProcess.Result unreachable = AgentProcess.app().libraries("h2")
                .agentArguments("log.format=off,prometheus.port=" + metricsPort + ",otlp.interval=1,otlp.endpoint="
                        + "http://127.0.0.1:" + closedPort)
                .scrapeMetricsInto(metricsPort, metricsFile)
                .jvmOption("-Dit.lingerMillis=2500")
                .run(ViolationCatalogue.class, "jdbc:h2:mem:otlp-unreachable", "-", "uniqueViaPreparedExecuteUpdate")
                .assertSucceeded();
        assertTrue(Files.readString(metricsFile).contains("integrity_agent_errors_total{stage=\"otlp\"}"),
                Files.readString(metricsFile));
        assertFalse(unreachable.stderr.contains("Failed to publish"), unreachable.stderr);
    }
}
