package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.report.ResultTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The whole comparison in one command ({@code bench/run}): check that every configuration is what it says,
 * measure every scenario under every configuration in interleaved forks, time JVM start to first query, then
 * print the table (also saved as {@code table.txt} next to the raw JMH results).
 */
public final class Comparison {

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
        Files.createDirectories(settings.out);
        Measurements measurements = new Measurements(settings);
        StartupTimer startup = new StartupTimer(settings);
        System.out.printf("Overhead comparison%s: %d scenarios, %d configurations, %d rounds = %d forks;"
                        + " about %d min in all%nresults: %s%n",
                settings.quick ? " (QUICK: a smoke test, its numbers mean nothing)" : "",
                settings.scenarios.size(), settings.configurations.size(), settings.rounds,
                measurements.plan().size(), (measurements.estimatedSeconds() + startup.estimatedSeconds() + 59) / 60,
                settings.out);

        System.out.println("Checking that each configuration is what it says:");
        if (!new AttachmentChecks(settings).allPass()) {
            System.err.println("A configuration is not what it says; nothing was measured.");
            System.exit(1);
        }
        System.out.println("Measuring (JMH output in " + settings.out.resolve("jmh.log") + "):");
        measurements.run();
        System.out.println("Timing JVM start to first query ("
                + startup.configurations().stream().map(Configuration::label).collect(Collectors.joining(", ")) + "):");
        startup.measure();

        String table = ResultTable.render(settings.out);
        Files.writeString(settings.out.resolve("table.txt"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(table);
    }
}
