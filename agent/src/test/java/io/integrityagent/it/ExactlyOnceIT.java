package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.ExactlyOnceApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One violation is one event and one count, however the application's data-access layer wraps the driver's
 * exception: the packaged agent in a separate JVM, real H2 and PostgreSQL drivers (loaded apart from the
 * application, in a loader the agent instruments too, so both the wrapping statement and the driver's are
 * observed), compared with the same run without the agent. How each exception shape folds into one violation
 * when only the wrapper is seen is proven by the recognition unit tests.
 */
class ExactlyOnceIT {

    private static final List<String> WRAPPED_SCENARIOS = List.of("unwrapped", "wrapperCarryingTheDriverException",
            "wrapperMakingANewNextExceptionAtEachCall", "causeCycle", "gettersThatThrow");
    private static final String UNREADABLE = "gettersThatThrowIncludingGetCause";

    @Test
    void h2() throws Exception {
        Run run = Run.of("h2", "jdbc:h2:mem:once;DB_CLOSE_DELAY=-1", "sa", null);
        for (String scenario : WRAPPED_SCENARIOS) {
            JsonNode event = run.events.single(scenario);
            assertEquals("unique", event.get("kind").asText(), scenario + ": " + event);
            assertEquals("h2database", event.get("db").asText(), scenario + ": " + event);
            assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText(), scenario + ": " + event);
            assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText(), scenario + ": " + event);
        }
        run.assertUnreadableExceptionIsStillOneViolation();
        run.assertOneCountPerScenario();
    }

    @Test
    void postgresql() throws Exception {
        LiveServers.requirePostgresql();
        Run run = Run.of("postgresql", LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER,
                "ia_once_it_" + ProcessHandle.current().pid());
        for (String scenario : WRAPPED_SCENARIOS) {
            JsonNode event = run.events.single(scenario);
            assertEquals("unique", event.get("kind").asText(), scenario + ": " + event);
            assertEquals("postgresql", event.get("db").asText(), scenario + ": " + event);
            assertEquals("uq_users_email", event.get("constraint").asText(), scenario + ": " + event);
            assertEquals("'ada@example.com'", event.get("values").get("email").asText(), scenario + ": " + event);
            assertTrue(event.get("message").asText().contains("Key (email)=(ada@example.com) already exists"),
                    scenario + ": " + event);
        }
        run.assertUnreadableExceptionIsStillOneViolation();
        run.assertOneCountPerScenario();
    }

    private static final class Run {
        final Events events;
        final String metrics;

        private Run(Events events, String metrics) {
            this.events = events;
            this.metrics = metrics;
        }

        static Run of(String database, String url, String user, String schema) throws Exception {
            String driverJar = AgentProcess.classPath(List.of(database.equals("h2") ? "h2" : "postgresql"))
                    .split(java.io.File.pathSeparator)[1];
            String[] args = schema == null ? new String[] {database, driverJar, url, user}
                    : new String[] {database, driverJar, url, user, schema};
            Path directory = Files.createTempDirectory("once-it");
            Path eventsFile = directory.resolve("events.jsonl");
            Path metricsFile = directory.resolve("metrics.txt");
            int port = AgentProcess.freePort();
            AgentProcess.Result withAgent = AgentProcess.app()
                    .agentArguments("events.file=" + eventsFile + ",prometheus.port=" + port)
                    .scrapeMetricsInto(port, metricsFile)
                    .run(ExactlyOnceApplication.class, args).assertSucceeded();
            AgentProcess.Result withoutAgent = AgentProcess.app().withoutAgent()
                    .run(ExactlyOnceApplication.class, args).assertSucceeded();
            assertEquals(withoutAgent.stdout, withAgent.stdout, "the application sees the same with the agent");
            assertEquals(WRAPPED_SCENARIOS.size() + 1,
                    withAgent.stdout.lines().filter(line -> line.startsWith("CAUGHT ")).count(), withAgent.stdout);
            return new Run(Events.read(eventsFile), Files.readString(metricsFile));
        }

        /**
         * Nothing of the wrapper can be read but its class and the statement it came from: still one violation,
         * told from the driver's own exception, which the agent saw where the driver threw it.
         */
        void assertUnreadableExceptionIsStillOneViolation() {
            JsonNode event = events.single(UNREADABLE);
            assertEquals("unique", event.get("kind").asText(), event.toString());
            assertEquals("INSERT INTO users (id, email, password) VALUES (?, ?, ?)", event.get("sql").asText());
            assertEquals("[\"15\",\"'ada@example.com'\",\"****\"]", event.get("parameters").toString());
        }

        void assertOneCountPerScenario() {
            assertEquals(WRAPPED_SCENARIOS.size() + 1, events.all().size(), events.all().toString());
            long counted = Math.round(metrics.lines().filter(l -> l.startsWith("db_integrity_violations_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
            assertEquals(WRAPPED_SCENARIOS.size() + 1, counted, metrics);
            assertTrue(metrics.lines().noneMatch(l -> l.startsWith("integrity_agent_errors_total{")
                    && !l.endsWith(" 0.0")), metrics);
        }
    }
}
