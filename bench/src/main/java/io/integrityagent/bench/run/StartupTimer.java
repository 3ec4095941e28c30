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
 * stdout, and the peak resident memory the program reports after it; repeated in rounds (every JDK and
 * configuration once per round) and written to {@code startup.tsv}. The peers are timed on the first JDK only.
 */
final class StartupTimer {

    static final String FILE = "startup.tsv";
    private static final List<Configuration> TIMED = List.of(Configuration.NONE, Configuration.EMPTY_AGENT,
            Configuration.INTEGRITY, Configuration.P6SPY, Configuration.DATASOURCE_PROXY,
            Configuration.OPENTELEMETRY);

    private final RunSettings settings;

    StartupTimer(RunSettings settings) {
        this.settings = settings;
    }

    List<Configuration> configurations(Jdk jdk) {
        if (!settings.startup) {
            return List.of();
        }
        boolean peers = jdk.equals(settings.jdks.get(0));
        return TIMED.stream().filter(settings.configurations::contains).filter(c -> peers || !c.isPeer())
                .collect(Collectors.toList());
    }

    /** What is timed, for the start of the run. */
    String describe() {
        return settings.jdks.stream().filter(jdk -> !configurations(jdk).isEmpty())
                .map(jdk -> jdk.id() + ": " + configurations(jdk).stream().map(Configuration::id)
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** A rough duration on an otherwise idle 2-core machine. */
    long estimatedSeconds() {
        return Math.round(settings.startupRuns * settings.jdks.stream().flatMap(jdk -> configurations(jdk).stream())
                .mapToDouble(c -> c.usesOpenTelemetryAgent() ? 4.5 : c.usesIntegrityAgent() ? 1.5 : 0.5).sum());
    }

    void measure() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("jdk\tconfiguration\tmillis\tpeak_rss_kib");
        for (int run = 1; run <= settings.startupRuns; run++) {
            System.out.printf("  start-up run %d/%d%n", run, settings.startupRuns);
            for (Jdk jdk : settings.jdks) {
                for (Configuration configuration : configurations(jdk)) {
                    lines.add(jdk.version() + "\t" + configuration.id() + "\t" + firstQuery(jdk, configuration));
                }
            }
        }
        Files.write(settings.out.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    /** Millis to the first query, a tab, peak resident KiB. */
    private String firstQuery(Jdk jdk, Configuration configuration) throws IOException, InterruptedException {
        List<String> command = Jvm.command(settings, jdk, configuration, List.of(), FirstQuery.class);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long elapsed = -1;
        String peakRss = null;
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (elapsed < 0 && line.equals(FirstQuery.DONE)) {
                    elapsed = System.nanoTime() - start;
                } else if (line.startsWith(FirstQuery.PEAK_RSS)) {
                    peakRss = line.substring(FirstQuery.PEAK_RSS.length()).trim();
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (elapsed < 0 || peakRss == null || process.exitValue() != 0) {
            throw new IllegalStateException("the first-query program failed under '" + configuration.id()
                    + "' on " + jdk.id() + " (exit " + process.exitValue() + "): " + String.join(" ", command));
        }
        return TimeUnit.NANOSECONDS.toMillis(elapsed) + "\t" + peakRss;
    }
}
