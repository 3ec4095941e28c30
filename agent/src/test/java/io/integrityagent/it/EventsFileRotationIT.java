package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.EventsFileRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The events file under logrotate and trouble: after a rename or a delete, later events land in a new file at the
 * configured path; a missing folder or a full disk is said once, on one line, and every lost event is counted.
 */
class EventsFileRotationIT {

    private static final int BEFORE = 20;
    private static final int AFTER = 30;

    @Test
    void afterRenameLaterEventsLandInANewFileAtTheConfiguredPath() throws Exception {
        Path dir = Files.createTempDirectory("rotation-it");
        Path events = dir.resolve("events.jsonl");
        Path rotated = dir.resolve("events.jsonl.1");
        Run run = runRotating(dir, () -> Files.move(events, rotated));

        assertEquals(BEFORE, Events.read(rotated).all().size());
        assertEquals(AFTER, Events.read(events).all().size());
        run.assertEverythingCountedAndNoError();
    }

    @Test
    void afterDeleteLaterEventsLandInANewFileAtTheConfiguredPath() throws Exception {
        Path dir = Files.createTempDirectory("rotation-it");
        Path events = dir.resolve("events.jsonl");
        Run run = runRotating(dir, () -> Files.delete(events));

        assertEquals(AFTER, Events.read(events).all().size());
        run.assertEverythingCountedAndNoError();
    }

    @Test
    void fullDiskIsSaidOnceOnOneLineAndEveryLostEventIsCounted() throws Exception {
        Path full = Path.of("/dev/full");
        assertTrue(Files.isWritable(full), "this test needs Linux's /dev/full");
        Run run = runStraight("events.file=" + full);

        List<String> said = agentLinesAbout(run.result, "/dev/full");
        assertEquals(2, said.size(), run.result.stderr); // the start-up line naming the file, then the problem
        assertTrue(said.get(0).contains("; events to /dev/full"), said.get(0));
        assertTrue(said.get(1).startsWith("Integrity Agent: cannot append to events file /dev/full (No space left on"
                + " device); events that cannot be written are lost and counted in"
                + " integrity_agent_errors_total{stage=\"events\"}"), said.get(1));
        assertEquals(BEFORE + AFTER, AgentLog.agentErrors(run.metrics, "events"), run.metrics);
        assertEquals(BEFORE + AFTER, AgentLog.violationsCounted(run.metrics));
    }

    @Test
    void missingFolderIsSaidOnceAtStartUpNotCreatedAndEveryLostEventIsCounted() throws Exception {
        Path missing = Files.createTempDirectory("rotation-it").resolve("no-such-folder");
        Run run = runStraight("events.file=" + missing.resolve("events.jsonl"));

        List<String> said = agentLinesAbout(run.result, missing.toString());
        assertEquals(2, said.size(), run.result.stderr); // the problem, then the start-up line naming the file
        assertEquals("Integrity Agent: the folder of events.file does not exist: " + missing + "; it is not created."
                + " Events are lost, and counted in integrity_agent_errors_total{stage=\"events\"}, until it exists"
                + " (checked at most once a second)", said.get(0));
        assertTrue(said.get(1).contains("; events to " + missing.resolve("events.jsonl") + " (once it can be"
                + " opened)"), said.get(1));
        assertFalse(Files.exists(missing));
        assertEquals(BEFORE + AFTER, AgentLog.agentErrors(run.metrics, "events"), run.metrics);
    }

    private interface Rotation {
        void rotate() throws Exception;
    }

    private static Run runRotating(Path dir, Rotation rotation) throws Exception {
        Path markers = Files.createDirectory(dir.resolve("markers"));
        int port = AgentProcess.freePort();
        AgentProcess app = AgentProcess.app().libraries("h2")
                .agentArguments("events.file=" + dir.resolve("events.jsonl") + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, dir.resolve("metrics.txt"));
        CompletableFuture<AgentProcess.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return app.run(EventsFileRotation.class, markers.toString(), String.valueOf(BEFORE),
                        String.valueOf(AFTER));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(markers.resolve("phase1-done")) && !running.isDone() && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        if (Files.exists(markers.resolve("phase1-done"))) {
            rotation.rotate();
            Files.createFile(markers.resolve("rotated"));
        }
        AgentProcess.Result result = running.get(120, TimeUnit.SECONDS).assertSucceeded();
        return new Run(result, Files.readString(dir.resolve("metrics.txt")));
    }

    private static Run runStraight(String agentArguments) throws Exception {
        Path dir = Files.createTempDirectory("rotation-it");
        int port = AgentProcess.freePort();
        AgentProcess.Result result = AgentProcess.app().libraries("h2")
                .agentArguments(agentArguments + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, dir.resolve("metrics.txt"))
                .run(EventsFileRotation.class, "-", String.valueOf(BEFORE), String.valueOf(AFTER))
                .assertSucceeded();
        return new Run(result, Files.readString(dir.resolve("metrics.txt")));
    }

    private static List<String> agentLinesAbout(AgentProcess.Result result, String subject) {
        return result.stderrLines().stream()
                .filter(line -> line.startsWith("Integrity Agent") && line.contains(subject))
                .collect(Collectors.toList());
    }

    private static final class Run {
        final AgentProcess.Result result;
        final String metrics;

        Run(AgentProcess.Result result, String metrics) {
            this.result = result;
            this.metrics = metrics;
        }

        void assertEverythingCountedAndNoError() {
            assertTrue(result.stdout.contains("CAUGHT " + (BEFORE + AFTER)), result.stdout);
            assertEquals(BEFORE + AFTER, AgentLog.violationsCounted(metrics));
            assertEquals(0, AgentLog.agentErrors(metrics, "events"), metrics);
        }
    }
}
