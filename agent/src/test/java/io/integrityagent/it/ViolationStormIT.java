package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.ViolationStorm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * 32 threads through HikariCP, 200 violations each of every kind in turn: after the JVM has exited, every
 * violation the application caught is exactly one event, one count in the metrics, and in the log either one full
 * explanation or one unit in the count of a summary — the last of them written at exit. On H2 the summary
 * interval (60 s) outlasts the storm, so every repeat is summarised at exit; on PostgreSQL (1 s) summaries are
 * also written, and quiet keys forgotten, while the storm runs.
 */
class ViolationStormIT {

    private static final int THREADS = 32;
    private static final int PER_THREAD = 200;
    private static final long VIOLATIONS = (long) THREADS * PER_THREAD;

    @Test
    void everyViolationOfAStormIsOneEventOneCountAndOnceInTheLogOnH2() throws Exception {
        assertExactCounts("jdbc:h2:mem:storm;DB_CLOSE_DELAY=-1", "sa", "-", 60);
    }

    @Test
    void everyViolationOfAStormIsOneEventOneCountAndOnceInTheLogOnPostgresql() throws Exception {
        LiveServers.requirePostgresql();
        assertExactCounts(LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER,
                "ia_storm_it_" + ProcessHandle.current().pid(), 1);
    }

    private static void assertExactCounts(String url, String user, String schema, int summaryIntervalSeconds)
            throws Exception {
        Path dir = Files.createTempDirectory("storm-it");
        Path events = dir.resolve("events.jsonl");
        int port = AgentProcess.freePort();
        AgentProcess.Result run = AgentProcess.app().libraries("HikariCP", "slf4j-api", "h2", "postgresql")
                .agentArguments("events.file=" + events + ",log.summary.interval=" + summaryIntervalSeconds
                        + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, dir.resolve("metrics.txt"))
                .run(ViolationStorm.class, url, user, "", schema, String.valueOf(THREADS),
                        String.valueOf(PER_THREAD))
                .assertSucceeded();

        assertTrue(run.stdout.contains("CAUGHT " + VIOLATIONS), run.stdout);
        assertEquals(VIOLATIONS, Events.read(events).all().size());
        String metrics = Files.readString(dir.resolve("metrics.txt"));
        assertEquals(VIOLATIONS, AgentLog.violationsCounted(metrics), metrics);
        assertEquals(VIOLATIONS, AgentLog.violationsInTextLog(run.stderr), run.stderr);
        assertEquals(0, AgentLog.agentErrors(metrics, "pipeline") + AgentLog.agentErrors(metrics, "events")
                + AgentLog.agentErrors(metrics, "log"), metrics);
    }
}
