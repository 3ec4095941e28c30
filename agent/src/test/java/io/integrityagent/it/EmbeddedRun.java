package io.integrityagent.it;

import io.integrityagent.it.apps.EmbeddedViolations;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded database's run of {@link EmbeddedViolations}, once with the packaged agent and once without:
 * what the application printed each time, and the events and metrics the agent produced.
 */
final class EmbeddedRun {

    final AgentProcess.Result withAgent;
    final AgentProcess.Result withoutAgent;
    final Events events;
    final String metrics;

    private EmbeddedRun(AgentProcess.Result withAgent, AgentProcess.Result withoutAgent, Events events,
                        String metrics) {
        this.withAgent = withAgent;
        this.withoutAgent = withoutAgent;
        this.events = events;
        this.metrics = metrics;
    }

    /** @param libraries the jars the database needs, by artifact id */
    static EmbeddedRun of(String database, String... libraries) throws Exception {
        Path directory = Files.createTempDirectory(database + "-it");
        Path eventsFile = directory.resolve("events.jsonl");
        Path metricsFile = directory.resolve("metrics.txt");
        int port = AgentProcess.freePort();
        AgentProcess.Result withAgent = AgentProcess.app().libraries(libraries)
                .agentArguments("events.file=" + eventsFile + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, metricsFile)
                .run(EmbeddedViolations.class, database).assertSucceeded();
        AgentProcess.Result withoutAgent = AgentProcess.app().libraries(libraries).withoutAgent()
                .run(EmbeddedViolations.class, database).assertSucceeded();
        return new EmbeddedRun(withAgent, withoutAgent, Events.read(eventsFile), Files.readString(metricsFile));
    }

    /** The sum of every series of {@code metric}. */
    long totalOf(String metric) {
        return Math.round(metrics.lines().filter(line -> line.startsWith(metric + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }
}
