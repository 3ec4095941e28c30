package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.LateAttachApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar integrity-agent.jar PID}: the agent joins a JVM that is already running. */
class AttachIT {

    @Test
    void attachingToARunningJvmReportsViolationsFromThenOn() throws Exception {
        Path dir = Files.createTempDirectory("attach-it");
        Path goAhead = dir.resolve("go");
        Path appErr = dir.resolve("stderr.txt");
        String java = AgentProcess.java();
        Process app = new ProcessBuilder(java, "-cp", AgentProcess.classPath(List.of("h2")),
                LateAttachApplication.class.getName(), goAhead.toString())
                .redirectError(appErr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(),
                StandardCharsets.UTF_8))) {
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "the application did not start: " + ready);

            Process attacher = new ProcessBuilder(java, "-jar", AgentProcess.AGENT_JAR.toString(),
                    ready.substring("ready ".length()), "events.file=" + dir.resolve("events.jsonl"))
                    .redirectErrorStream(true).start();
            String attacherOutput = new String(attacher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(attacher.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, attacher.exitValue(), attacherOutput);
            waitForStartUpLine(appErr);

            Files.createFile(goAhead);
            assertEquals("caught 23505", out.readLine());
            assertEquals("caught 23505", out.readLine());
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));

        Events events = Events.read(dir.resolve("events.jsonl"));
        assertEquals(2, events.all().size(), events.all().toString());
        JsonNode beforeAttach = events.all().get(0);
        assertEquals("unique", beforeAttach.get("kind").asText());
        assertTrue(beforeAttach.get("sql").isNull(), "prepared before the agent came: its SQL was never seen");
        assertEquals("[\"2\",\"'ada@example.com'\"]", beforeAttach.get("parameters").toString());
        JsonNode afterAttach = events.all().get(1);
        assertEquals("INSERT INTO members (id, email) VALUES (?, ?)", afterAttach.get("sql").asText());
        assertEquals("1", afterAttach.get("values").get("ID").asText());
        assertNull(afterAttach.get("batchIndex").textValue());
    }

    private static void waitForStartUpLine(Path appErr) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.readString(appErr).contains("explaining integrity violations sent through JDBC")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent never announced itself:\n" + Files.readString(appErr));
    }
}
