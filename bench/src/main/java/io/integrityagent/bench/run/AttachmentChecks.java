package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Before anything is measured: each configuration runs {@link AttachmentProbe} in a JVM of its own, and what
 * the agents and wrappers visibly did is checked — the agent's start-up line, its explanation and its event,
 * OpenTelemetry's span (exported to the log for this check only) with or without the bind values, the
 * wrappers' formatted lines. A configuration that would measure the wrong thing stops the run here.
 */
final class AttachmentChecks {

    private static final String EXPLANATION = "Integrity violation: unique constraint MEMBER_EMAIL_UNIQUE";

    private final RunSettings settings;
    private final Path directory;

    AttachmentChecks(RunSettings settings) {
        this.settings = settings;
        this.directory = settings.out.resolve("checks");
    }

    /** Probes every configuration of the run; prints one line each; false if any failed. */
    boolean allPass() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        boolean allPass = true;
        for (Configuration configuration : settings.configurations) {
            Probe probe = run(configuration);
            List<String> failed = new ArrayList<>();
            for (Expectation expectation : expectations(configuration)) {
                if (!expectation.test().test(probe)) {
                    failed.add(expectation.description());
                }
            }
            if (failed.isEmpty()) {
                System.out.printf("  ok    %-40s %s%n", configuration.label(), evidence(configuration, probe));
            } else {
                allPass = false;
                System.out.printf("  FAIL  %-40s not as expected: %s (see %s)%n", configuration.label(),
                        String.join("; ", failed), directory.resolve(configuration.id() + ".*"));
            }
        }
        return allPass;
    }

    private Probe run(Configuration configuration) throws IOException, InterruptedException {
        Path stdout = directory.resolve(configuration.id() + ".stdout.txt");
        Path stderr = directory.resolve(configuration.id() + ".stderr.txt");
        Path events = directory.resolve(configuration.id() + ".events.jsonl");
        List<String> extra = new ArrayList<>();
        if (configuration.usesIntegrityAgent()) {
            extra.add("-Dintegrity.events.file=" + events);
        }
        if (configuration.usesOpenTelemetryAgent()) {
            extra.add("-Dotel.traces.exporter=logging"); // the later -D wins over the configuration's "none"
        }
        Process process = new ProcessBuilder(Jvm.command(settings, configuration, extra, AttachmentProbe.class))
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
                return "start-up line; violation explained on stderr and written as an event";
            case INTEGRITY_LOG_OFF:
                return "start-up line says 'log off'; nothing explained; violation written as an event";
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
