package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.BrokenDriverApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A failure inside the agent's pipeline never reaches the application; it is counted, and the agent goes on. A
 * violation whose getters throw is no such failure: it is reported with what can still be read.
 */
class FaultContainmentIT {

    @Test
    void aViolationTheAgentCannotReadIsContainedCountedAndTheNextOneStillReported() throws Exception {
        Path dir = Files.createTempDirectory("fault-it");
        int port = AgentProcess.freePort();
        AgentProcess.Result withAgent = AgentProcess.app().libraries("h2")
                .agentArguments("events.file=" + dir.resolve("events.jsonl") + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, dir.resolve("metrics.txt"))
                .run(BrokenDriverApplication.class).assertSucceeded();
        AgentProcess.Result withoutAgent = AgentProcess.app().libraries("h2").withoutAgent()
                .run(BrokenDriverApplication.class).assertSucceeded();

        assertEquals(withoutAgent.stdout, withAgent.stdout);
        assertTrue(withAgent.stdout.contains("CAUGHT hostileViolation"), withAgent.stdout);
        assertTrue(withAgent.stdout.contains("CAUGHT violationThatBreaksTheAgent"), withAgent.stdout);
        String metrics = Files.readString(dir.resolve("metrics.txt"));
        assertTrue(metrics.contains("integrity_agent_errors_total{stage=\"pipeline\"} 1.0"), metrics);
        Events events = Events.read(dir.resolve("events.jsonl"));
        assertEquals(2, events.all().size(), events.all().toString());
        assertEquals("unique", events.single("ordinaryViolation").get("kind").asText());
        JsonNode unreadable = events.single("hostileViolation");
        assertEquals("unique", unreadable.get("kind").asText(), "what could still be read: " + unreadable);
        assertEquals("23505", unreadable.get("sqlState").asText());
        assertTrue(unreadable.get("message").isNull(), unreadable.toString());
    }
}
