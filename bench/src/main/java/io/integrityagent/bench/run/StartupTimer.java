package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * JVM start to first completed query: the wall time from launching {@code java … FirstQuery} to its line on
 * stdout, repeated in rounds (every configuration once per round) and written to {@code startup.tsv}.
 */
final class StartupTimer {

    static final String FILE = "startup.tsv";
    private static final List<Configuration> TIMED = List.of(Configuration.NONE, Configuration.INTEGRITY,
            Configuration.P6SPY, Configuration.DATASOURCE_PROXY, Configuration.OPENTELEMETRY);

    private final RunSettings settings;

    StartupTimer(RunSettings settings) {
        this.settings = settings;
    }

    List<Configuration> configurations() {
        return TIMED.stream().filter(settings.configurations::contains).collect(Collectors.toList());
    }

    /** A rough duration on an otherwise idle 2-core machine. */
    long estimatedSeconds() {
        return Math.round(settings.startupRuns * configurations().stream()
                .mapToDouble(c -> c.usesOpenTelemetryAgent() ? 3.5 : c.usesIntegrityAgent() ? 1.5 : 0.5).sum());
    }

    void measure() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("configuration\tmillis");
        for (int run = 1; run <= settings.startupRuns; run++) {
            System.out.printf("  start-up run %d/%d%n", run, settings.startupRuns);
            for (Configuration configuration : configurations()) {
                lines.add(configuration.id() + "\t" + timeToFirstQuery(configuration));
            }
        }
        Files.write(settings.out.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    private long timeToFirstQuery(Configuration configuration) throws IOException, InterruptedException {
        List<String> command = Jvm.command(settings, configuration, List.of(), FirstQuery.class);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long elapsed = -1;
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (elapsed < 0 && line.equals(FirstQuery.DONE)) {
                    elapsed = System.nanoTime() - start;
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (elapsed < 0 || process.exitValue() != 0) {
            throw new IllegalStateException("the first-query program failed under '" + configuration.id()
                    + "' (exit " + process.exitValue() + "): " + String.join(" ", command));
        }
        return TimeUnit.NANOSECONDS.toMillis(elapsed);
    }
}
