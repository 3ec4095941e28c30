package io.integrityagent.bench.run;

import io.integrityagent.bench.AgentCounts;
import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Before anything is measured: each configuration runs {@link AttachmentProbe} in a JVM of its own, on each JDK
 * it is measured on, and what the agents and wrappers visibly did is checked — the agent's start-up line, its
 * explanation, its event and its exact count, OpenTelemetry's span (exported to the log for this check only) with
 * or without the bind values, the wrappers' formatted lines. A configuration that would measure the wrong thing
 * stops the run here.
 */
final class AttachmentChecks {

    private static final String EXPLANATION = "Integrity violation: unique constraint MEMBER_EMAIL_UNIQUE";

    private final RunSettings settings;
    private final Path directory;

    AttachmentChecks(RunSettings settings) {
        this.settings = settings;
        this.directory = settings.out.resolve("checks");
    }

    /** Probes every configuration of the run on every JDK it runs on; prints one line each; false if any failed. */
    boolean allPass() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        boolean allPass = true;
        for (Jdk jdk : settings.jdks) {
            for (Configuration configuration : configurationsOn(jdk)) {
                allPass &= check(jdk, configuration);
            }
        }
        return allPass;
    }

    /** What the run measures on {@code jdk}: the peers only on the first JDK. */
    private List<Configuration> configurationsOn(Jdk jdk) {
        Set<Configuration> used = new TreeSet<>(new StartupTimer(settings).configurations(jdk));
        for (Scenario scenario : settings.scenarios) {
            if (settings.jdksOf(scenario).contains(jdk)) {
                used.addAll(settings.configurationsOf(scenario, jdk, 1));
            }
        }
        return new ArrayList<>(used);
    }

    private boolean check(Jdk jdk, Configuration configuration) throws IOException, InterruptedException {
        Probe probe = run(jdk, configuration);
        List<String> failed = new ArrayList<>();
        for (Expectation expectation : expectations(configuration)) {
            if (!expectation.test().test(probe)) {
                failed.add(expectation.description());
            }
        }
        String name = jdk.id() + "-" + configuration.id();
        if (failed.isEmpty()) {
            System.out.printf("  ok    %-5s %-40s %s%n", jdk.id(), configuration.label(), evidence(configuration, probe));
            return true;
        }
        System.out.printf("  FAIL  %-5s %-40s not as expected: %s (see %s)%n", jdk.id(), configuration.label(),
                String.join("; ", failed), directory.resolve(name + ".*"));
        return false;
    }

    private Probe run(Jdk jdk, Configuration configuration) throws IOException, InterruptedException {
        String name = jdk.id() + "-" + configuration.id();
        Path stdout = directory.resolve(name + ".stdout.txt");
        Path stderr = directory.resolve(name + ".stderr.txt");
        Path events = directory.resolve(name + ".events.jsonl");
        List<String> extra = new ArrayList<>();
        if (configuration.usesIntegrityAgent()) {
            extra.add("-Dintegrity.events.file=" + events);
            extra.add("-D" + AgentCounts.PORT_PROPERTY + "=" + Jvm.freePort());
        }
        if (configuration.usesOpenTelemetryAgent()) {
            extra.add("-Dotel.traces.exporter=logging"); // the later -D wins over the configuration's "none"
        }
        Process process = new ProcessBuilder(Jvm.command(settings, jdk, configuration, extra, AttachmentProbe.class))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return new Probe(process.exitValue(), read(stdout), read(stderr), read(events));
    }

    private static List<Expectation> expectations(Configuration configuration) {
        List<Expectation> expected = new ArrayList<>();
        expected.add(new Expectation("the probe completed and its in-JVM attachment check passed",
                p -> p.exitCode() == 0 && p.stdout().contains(AttachmentProbe.OK + " " + configuration.id())));
        boolean integrity = configuration.usesIntegrityAgent();
        expected.add(new Expectation(integrity ? "the Integrity Agent's start-up line" : "no Integrity Agent",
                p -> p.stderr().contains("Integrity Agent ") == integrity));
        if (integrity) {
            boolean logging = configuration == Configuration.INTEGRITY;
            expected.add(new Expectation(logging ? "the violation explained on stderr" : "nothing explained",
                    p -> p.stderr().contains(EXPLANATION) == logging));
            expected.add(new Expectation("the violation written as an event",
                    p -> p.events().contains("\"constraint\":\"MEMBER_EMAIL_UNIQUE\"")));
            expected.add(new Expectation("each violation counted once, direct and through HikariCP",
                    p -> p.stdout().contains(AttachmentProbe.COUNTED)));
            if (!logging) {
                expected.add(new Expectation("'log off' in the start-up line",
                        p -> p.stderr().contains("; log off")));
            }
        }
        boolean otel = configuration.usesOpenTelemetryAgent();
        expected.add(new Expectation(otel ? "the OpenTelemetry agent's start-up line" : "no OpenTelemetry agent",
                p -> p.output().contains("opentelemetry-javaagent - version") == otel));
        if (otel) {
            boolean parameters = configuration == Configuration.OPENTELEMETRY_PARAMETERS;
            expected.add(new Expectation("a span for the INSERT", p -> p.output().contains("'INSERT ")));
            expected.add(new Expectation(parameters ? "bind values in the span" : "no bind values in the span",
                    p -> p.output().contains("db.query.parameter") == parameters));
        }
        return expected;
    }

    private static String evidence(Configuration configuration, Probe probe) {
        switch (configuration) {
            case EMPTY_AGENT:
                return "an agent that does nothing; no instrumentation, connection unwrapped";
            case INTEGRITY:
                return "start-up line; violation explained on stderr, written as an event, counted once (also"
                        + " through HikariCP)";
            case INTEGRITY_LOG_OFF:
                return "start-up line says 'log off'; nothing explained; written as an event; counted once";
            case P6SPY:
                return "connection wrapped; " + probe.after(AttachmentProbe.P6SPY_LINES)
                        + " statements formatted by p6spy and discarded";
            case DATASOURCE_PROXY:
                return "connection proxied; " + probe.after(AttachmentProbe.DATASOURCE_PROXY_ENTRIES)
                        + " entries formatted by datasource-proxy and discarded";
            case OPENTELEMETRY:
                return "start-up line; INSERT span recorded, without bind values";
            case OPENTELEMETRY_PARAMETERS:
                return "start-up line; INSERT span recorded with db.query.parameter.* attributes";
            default:
                return "no agent loaded, connection unwrapped";
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private record Probe(int exitCode, String stdout, String stderr, String events) {
        String output() {
            return stdout + stderr;
        }

        /** The rest of the stdout line that starts with {@code prefix}. */
        String after(String prefix) {
            return stdout.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .findFirst().orElse("?");
        }
    }

    private record Expectation(String description, Predicate<Probe> test) {
    }
}
