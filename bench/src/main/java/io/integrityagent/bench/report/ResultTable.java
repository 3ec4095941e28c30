package io.integrityagent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a run from its directory: per JDK and scenario, every configuration pooled and fork by fork; the
 * start-up times and resident memory; then the goals of the overhead issue, each with its measured value
 * ({@link Goals}).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.integrityagent.bench.report.ResultTable RUN_DIRECTORY}
 * prints it again for an earlier run.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultTable RUN_DIRECTORY   (the directory holding results/ and startup.tsv)");
            System.exit(2);
        }
        System.out.print(render(Path.of(args[0])));
    }

    public static String render(Path runDirectory) throws IOException {
        RunResults results = RunResults.load(runDirectory);
        StringBuilder out = new StringBuilder();
        throughput(results, out);
        results.startup.render(out);
        out.append('\n');
        Goals.render(results, out);
        return out.toString();
    }

    private static void throughput(RunResults results, StringBuilder out) {
        if (results.forks.isEmpty()) {
            out.append("No JMH results found.\n");
            return;
        }
        Versions versions = new Versions();
        JsonNode sample = results.samples.values().iterator().next();
        out.append(String.format("JDBC overhead on H2 %s in memory (HikariCP %s for the pool and storm scenarios);"
                        + " JMH %s%n", versions.of("h2"), versions.of("hikaricp"), sample.path("jmhVersion").asText()));
        out.append(String.format("Integrity Agent %s; p6spy %s; datasource-proxy %s; OpenTelemetry Java agent %s%n",
                versions.of("integrity-agent"), versions.of("p6spy"), versions.of("datasource-proxy"),
                versions.of("opentelemetry-javaagent")));
        out.append("JDKs: ").append(results.samples.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().path("vmName").asText() + ")")
                .collect(Collectors.joining(", "))).append('\n');
        int warmups = sample.path("warmupIterations").asInt();
        Scenario sampled = Scenario.ofBenchmark(sample.path("benchmark").asText());
        if (sampled != null && sampled.group() == Scenario.Group.STORM) {
            warmups /= Scenario.STORM_WARMUP_FACTOR; // the run's warm-up, which the storm's is a multiple of
        }
        out.append(String.format("each fork: %d x %s measured after %d x %s warm-up (the storm's: %d times as long on"
                        + " one thread, then %d times as long), JMH gc profiler; forks of all configurations interleaved"
                        + " in rounds%n",
                sample.path("measurementIterations").asInt(), sample.path("measurementTime").asText(),
                warmups, sample.path("warmupTime").asText(), Scenario.STORM_PREWARM_FACTOR,
                Scenario.STORM_WARMUP_FACTOR));
        out.append("ops/s: mean +- 99.9% confidence half-width over all measured iterations of all forks;"
                + " ratio: over no agent's (+- propagated)\n"
                + "B/op: bytes allocated per operation; forks: each fork's mean over that of the no-agent fork of"
                + " its round (no agent: its ops/s)\n");
        for (String jdk : results.jdks()) {
            for (Scenario scenario : results.scenarios(jdk)) {
                out.append('\n').append(scenario.label()).append(" - JDK ").append(jdk).append('\n');
                out.append(String.format("  %-40s %24s %15s %9s  %s%n", "configuration", "ops/s", "ratio", "B/op",
                        "forks"));
                Cell baseline = results.cell(jdk, scenario, Configuration.NONE);
                for (Configuration configuration : Configuration.values()) {
                    Cell cell = results.cell(jdk, scenario, configuration);
                    if (cell != null) {
                        out.append(row(results, configuration, cell, baseline));
                    }
                }
            }
        }
    }

    private static String row(RunResults results, Configuration configuration, Cell cell, Cell baseline) {
        String ratio;
        if (baseline == null) {
            ratio = "-";
        } else if (cell == baseline || configuration == Configuration.NONE) {
            ratio = "1.000";
        } else {
            double value = cell.opsPerSecond() / baseline.opsPerSecond();
            double error = value * Math.hypot(cell.opsPerSecondError() / cell.opsPerSecond(),
                    baseline.opsPerSecondError() / baseline.opsPerSecond());
            ratio = Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f", value)
                    : String.format(Locale.ROOT, "%.3f +- %.3f", value, error);
        }
        String throughput = Double.isNaN(cell.opsPerSecondError())
                ? String.format(Locale.ROOT, "%,.0f", cell.opsPerSecond())
                : String.format(Locale.ROOT, "%,.0f +- %,.0f", cell.opsPerSecond(), cell.opsPerSecondError());
        List<String> forks = configuration == Configuration.NONE
                ? cell.forks().stream().map(f -> String.format(Locale.ROOT, "%,.0f", f.meanOpsPerSecond()))
                        .collect(Collectors.toList())
                : results.ratiosInRound(cell).stream().map(r -> String.format(Locale.ROOT, "%.3f", r))
                        .collect(Collectors.toList());
        return String.format(Locale.ROOT, "  %-40s %24s %15s %,9.0f  %s%n", configuration.label(), throughput, ratio,
                cell.bytesPerOp(), String.join(" ", forks));
    }
}
