package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import io.integrityagent.bench.report.ResultTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The whole comparison in one command ({@code bench/run}): check that every configuration is what it says,
 * measure every scenario under every configuration in interleaved forks on each JDK, time JVM start to first
 * query, then print the tables and the goals (also saved as {@code table.txt} next to the raw JMH results).
 */
public final class Comparison {

    /** What the probes of every configuration take before the measurements, roughly. */
    private static final long CHECKS_SECONDS = 30;

    private Comparison() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(RunSettings.USAGE);
            return;
        }
        RunSettings settings;
        try {
            settings = RunSettings.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(RunSettings.USAGE);
            System.exit(2);
            return;
        }
        String missing = settings.missingJars();
        if (missing != null) {
            System.err.println(missing);
            System.exit(2);
            return;
        }
        Measurements measurements = new Measurements(settings);
        StartupTimer startup = new StartupTimer(settings);
        printPlan(settings, measurements, startup);
        if (settings.planOnly) {
            return;
        }
        long start = System.nanoTime();
        Files.createDirectories(settings.out);
        System.out.println("Checking that each configuration is what it says:");
        if (!new AttachmentChecks(settings).allPass()) {
            System.err.println("A configuration is not what it says; nothing was measured.");
            System.exit(1);
        }
        System.out.println("Measuring (JMH output in " + settings.out.resolve("jmh.log")
                + "; after each fork: ops/s, its ratio to the no-agent fork of its round, B/op):");
        measurements.run();
        if (settings.startup) {
            System.out.println("Timing JVM start to first query (" + startup.describe() + "):");
            startup.measure();
        }
        String table = ResultTable.render(settings.out);
        Files.writeString(settings.out.resolve("table.txt"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(table);
        System.out.printf("%nTook %d min; results in %s%n", (System.nanoTime() - start) / 60_000_000_000L,
                settings.out);
    }

    private static void printPlan(RunSettings settings, Measurements measurements, StartupTimer startup) {
        List<Measurements.Fork> plan = measurements.plan();
        System.out.printf("Overhead comparison%s: %d forks%s; about %d min in all (2 idle cores)%n",
                settings.quick ? " (QUICK: a smoke test, its numbers mean nothing)" : "", plan.size(),
                settings.startup ? " and " + settings.startupRuns + " start-up runs per configuration" : "",
                (measurements.estimatedSeconds() + startup.estimatedSeconds() + CHECKS_SECONDS + 59) / 60);
        System.out.printf("each fork %d x %d ms warm-up (the storm's: %d times as long on one thread, then %d times"
                        + " as long), %d x %d ms measured; JDKs %s%s%s%n",
                settings.warmupIterations, settings.warmupMillis, Scenario.STORM_PREWARM_FACTOR,
                Scenario.STORM_WARMUP_FACTOR,
                settings.measurementIterations,
                settings.measurementMillis,
                settings.jdks.stream().map(jdk -> jdk.version() + " (" + jdk.home() + ")")
                        .collect(Collectors.joining(", ")),
                settings.forkArgs.isEmpty() ? "" : "; fork options " + String.join(" ", settings.forkArgs),
                settings.profilers.isEmpty() ? "" : "; profilers " + String.join(", ", settings.profilers));
        settings.warnings.forEach(warning -> System.out.println("WARNING: " + warning));
        for (Scenario scenario : settings.scenarios) {
            for (Jdk jdk : settings.jdksOf(scenario)) {
                Map<Configuration, Long> counts = plan.stream()
                        .filter(f -> f.scenario() == scenario && f.jdk().equals(jdk))
                        .collect(Collectors.groupingBy(Measurements.Fork::configuration, TreeMap::new,
                                Collectors.counting()));
                System.out.printf("  %-11s %-5s %s%n", scenario.id(), jdk.id(), counts.entrySet().stream()
                        .map(e -> e.getKey().id() + " x" + e.getValue()).collect(Collectors.joining(", ")));
            }
        }
        if (settings.startup) {
            System.out.printf("  %-11s %s, %d runs each%n", RunSettings.STARTUP, startup.describe(),
                    settings.startupRuns);
        }
        System.out.println("results: " + settings.out);
    }
}
