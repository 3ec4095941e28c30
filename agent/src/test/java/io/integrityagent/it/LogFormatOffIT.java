package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.ViolationCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With {@code log.format=off} the agent writes no explanation, yet still records and counts every violation. */
class LogFormatOffIT {

    @Test
    void logOffWritesNothingButTheStartUpLineWhileEventsAndMetricsStillRecordTheViolations() throws Exception {
        Path dir = Files.createTempDirectory("log-off-it");
        Path eventsFile = dir.resolve("events.jsonl");
        int port = AgentProcess.freePort();
        AgentProcess.Result run = AgentProcess.app().libraries("h2")
                .agentArguments("log.format=off,events.file=" + eventsFile + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, dir.resolve("metrics.txt"))
                .run(ViolationCatalogue.class, "jdbc:h2:mem:log-off", "-", "uniqueViaPreparedExecuteUpdate")
                .assertSucceeded();

        List<String> stderr = run.stderrLines();
        assertEquals(1, stderr.size(), run.stderr);
        assertTrue(stderr.get(0).startsWith("Integrity Agent "), run.stderr);
        assertTrue(stderr.get(0).contains("; log off; events to " + eventsFile), run.stderr);
        assertEquals("UQ_USERS_EMAIL",
                Events.read(eventsFile).single("uniqueViaPreparedExecuteUpdate").get("constraint").asText());
        assertTrue(Files.readString(dir.resolve("metrics.txt")).contains("constraint_name=\"UQ_USERS_EMAIL\""));
    }
}
