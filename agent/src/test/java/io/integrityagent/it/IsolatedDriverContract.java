package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.isolated.IsolatedViolations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What must hold when the driver lives in a class loader of its own ({@link IsolatedViolations}, run once with
 * the packaged agent and once without): every violation is reported exactly once, with its SQL, parameters and
 * call site, nothing is said about uninstrumentable classes, and the application sees the same output.
 */
abstract class IsolatedDriverContract {

    private static final Map<String, String> SQL = Map.of(
            "duplicateEmail", "INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)",
            "duplicateEmailInLiteralSql", "INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)",
            "orderForMissingCustomer", "INSERT INTO orders (id, customer_id) VALUES (?, ?)",
            "deleteCustomerWithOrders", "DELETE FROM customers WHERE id = ?",
            "userWithoutName", "INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)",
            "underageUser", "INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)",
            "batchWithDuplicateEmail", "INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)",
            "plainBatchWithMissingCustomer", "INSERT INTO orders (id, customer_id) VALUES (201, 77)");
    private static final Map<String, String> PARAMETERS = Map.of(
            "duplicateEmail", "[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]",
            "duplicateEmailInLiteralSql", "[]",
            "orderForMissingCustomer", "[\"101\",\"42\"]",
            "deleteCustomerWithOrders", "[\"1\"]",
            "userWithoutName", "[\"4\",\"NULL\",\"'nameless@example.com'\",\"20\"]",
            "underageUser", "[\"6\",\"'Young'\",\"'young@example.com'\",\"12\"]",
            "batchWithDuplicateEmail", "[\"11\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]",
            "plainBatchWithMissingCustomer", "[]");

    /** The run with the agent and the run without it. */
    abstract Runs runs();

    /** What {@link IsolatedViolations#describeLoaders} must print: the driver really was isolated. */
    abstract String expectedLoaders();

    @Test
    void applicationSeesIdenticalOutputWithAndWithoutTheAgent() {
        assertEquals(runs().withoutAgent.stdout, runs().withAgent.stdout);
        assertTrue(runs().withAgent.stdout.contains(expectedLoaders()), runs().withAgent.stdout);
    }

    @Test
    void everyViolationIsReportedExactlyOnceWithSqlParametersAndCallSite() {
        for (String scenario : IsolatedViolations.VIOLATIONS) {
            JsonNode event = runs().events.single(scenario);
            assertEquals(SQL.get(scenario), event.get("sql").asText(), scenario);
            assertEquals(PARAMETERS.get(scenario), event.get("parameters").toString(), scenario);
            assertTrue(event.get("callSite").asText().startsWith(
                    IsolatedViolations.class.getName() + "." + scenario + "(IsolatedViolations.java:"), event.toString());
        }
        assertEquals(IsolatedViolations.VIOLATIONS.length, runs().events.all().size(), "no other events");
    }

    @Test
    void batchEntriesAreTheFailingOnes() {
        assertEquals(1, runs().events.single("batchWithDuplicateEmail").get("batchIndex").asInt());
        assertEquals(1, runs().events.single("plainBatchWithMissingCustomer").get("batchIndex").asInt());
    }

    @Test
    void nothingWasLeftUninstrumented() {
        assertFalse(runs().withAgent.stderr.contains("cannot instrument"), runs().withAgent.stderr);
        assertFalse(runs().metrics.contains("integrity_agent_errors_total{"), runs().metrics);
        assertTrue(runs().withAgent.stderr.contains("Integrity Agent"), runs().withAgent.stderr);
    }

    /** One application's run with the agent (events, metrics) and without it. */
    static final class Runs {
        final AgentProcess.Result withAgent;
        final AgentProcess.Result withoutAgent;
        final Events events;
        final String metrics;

        private Runs(AgentProcess.Result withAgent, AgentProcess.Result withoutAgent, Events events, String metrics) {
            this.withAgent = withAgent;
            this.withoutAgent = withoutAgent;
            this.events = events;
            this.metrics = metrics;
        }

        static Runs of(List<String> libraries, Class<?> mainClass, String... args) throws Exception {
            Path directory = Files.createTempDirectory("isolated-it");
            Path eventsFile = directory.resolve("events.jsonl");
            Path metricsFile = directory.resolve("metrics.txt");
            int port = AgentProcess.freePort();
            String[] artifactIds = libraries.toArray(new String[0]);
            AgentProcess.Result withAgent = AgentProcess.app().libraries(artifactIds)
                    .agentArguments("events.file=" + eventsFile + ",prometheus.port=" + port)
                    .scrapeMetricsInto(port, metricsFile)
                    .run(mainClass, args).assertSucceeded();
            AgentProcess.Result withoutAgent = AgentProcess.app().libraries(artifactIds).withoutAgent()
                    .run(mainClass, args).assertSucceeded();
            return new Runs(withAgent, withoutAgent, Events.read(eventsFile), Files.readString(metricsFile));
        }

        @Override
        public String toString() {
            return Arrays.asList(withAgent.stdout, withAgent.stderr).toString();
        }
    }
}
