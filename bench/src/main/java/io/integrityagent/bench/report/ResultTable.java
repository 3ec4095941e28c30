package io.integrityagent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints the comparison from a run's directory: the JMH JSON result files under {@code results/} (one per fork,
 * any number of forks per scenario and configuration) and the start-up times in {@code startup.tsv}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.integrityagent.bench.report.ResultTable RUN_DIRECTORY}
 * prints it again for an earlier run.
 */
public final class ResultTable {

    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final String CONFIGURATION_ARG = "-D" + Configuration.PROPERTY + "=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Scenario, Map<Configuration, Cell>> cells = new EnumMap<>(Scenario.class);
    private JsonNode sample;

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
        ResultTable table = new ResultTable();
        Path results = runDirectory.resolve("results");
        if (Files.isDirectory(results)) {
            try (Stream<Path> files = Files.list(results)) {
                List<Path> jsonFiles = files.filter(f -> f.toString().endsWith(".json")).sorted()
                        .collect(Collectors.toList());
                for (Path file : jsonFiles) {
                    table.read(file);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        table.throughput(out);
        StartupTimes.render(runDirectory.resolve("startup.tsv"), out);
        return out.toString();
    }

    private void read(Path file) throws IOException {
        for (JsonNode result : JSON.readTree(file.toFile())) {
            Scenario scenario = Scenario.ofBenchmark(result.path("benchmark").asText());
            Configuration configuration = configurationOf(result.path("jvmArgs"));
            if (scenario == null || configuration == null) {
                continue;
            }
            cells.computeIfAbsent(scenario, s -> new EnumMap<>(Configuration.class))
                    .computeIfAbsent(configuration, c -> new Cell())
                    .addFork(rawData(result.path("primaryMetric")),
                            rawData(result.path("secondaryMetrics").path(ALLOCATION)));
            sample = result;
        }
    }

    private static Configuration configurationOf(JsonNode jvmArgs) {
        for (JsonNode arg : jvmArgs) {
            if (arg.asText().startsWith(CONFIGURATION_ARG)) {
                return Configuration.byId(arg.asText().substring(CONFIGURATION_ARG.length()));
            }
        }
        return null;
    }

    /** Every iteration's value, of every fork the node holds. */
    private static List<Double> rawData(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            fork.forEach(value -> values.add(value.asDouble()));
        }
        return values;
    }

    private void throughput(StringBuilder out) {
        if (cells.isEmpty()) {
            out.append("No JMH results found.\n");
            return;
        }
        Versions versions = new Versions();
        out.append(String.format("JDBC overhead on H2 %s in memory; JDK %s (%s), JMH %s%n", versions.of("h2"),
                sample.path("jdkVersion").asText(), sample.path("vmName").asText(),
                sample.path("jmhVersion").asText()));
        out.append(String.format("Integrity Agent %s; p6spy %s; datasource-proxy %s; OpenTelemetry Java agent %s%n",
                versions.of("integrity-agent"), versions.of("p6spy"), versions.of("datasource-proxy"),
                versions.of("opentelemetry-javaagent")));
        int fewestForks = cells.values().stream().flatMap(m -> m.values().stream()).mapToInt(Cell::forks).min()
                .orElse(0);
        out.append(String.format("per cell: %s fork(s), each %d x %s measured after %d x %s warm-up;"
                        + " forks of all configurations interleaved%n",
                fewestForks, sample.path("measurementIterations").asInt(), sample.path("measurementTime").asText(),
                sample.path("warmupIterations").asInt(), sample.path("warmupTime").asText()));
        out.append("ops/s: mean +- 99.9% confidence half-width over all measured iterations of all forks\n"
                + "ratio: ops/s over no agent's ops/s in the same run (+- propagated from both);"
                + " B/op: bytes allocated per operation (JMH gc profiler)\n");
        if (fewestForks < 3) {
            out.append("NOTE: fewer than 3 forks per cell: a smoke test; these numbers are noise, not results.\n");
        }
        for (Map.Entry<Scenario, Map<Configuration, Cell>> scenario : cells.entrySet()) {
            out.append('\n').append(scenario.getKey().label()).append('\n');
            out.append(String.format("  %-40s %26s %13s %10s%n", "configuration", "ops/s", "ratio", "B/op"));
            Cell baseline = scenario.getValue().get(Configuration.NONE);
            scenario.getValue().entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey))
                    .forEach(row -> out.append(row(row.getKey(), row.getValue(), baseline)));
        }
    }

    private static String row(Configuration configuration, Cell cell, Cell baseline) {
        String ratio;
        if (baseline == null) {
            ratio = "-";
        } else if (cell == baseline) {
            ratio = "1.00";
        } else {
            double value = cell.opsPerSecond() / baseline.opsPerSecond();
            double error = value * Math.hypot(cell.opsPerSecondError() / cell.opsPerSecond(),
                    baseline.opsPerSecondError() / baseline.opsPerSecond());
            ratio = Double.isNaN(error) ? String.format(Locale.ROOT, "%.2f", value)
                    : String.format(Locale.ROOT, "%.2f +- %.2f", value, error);
        }
        String throughput = Double.isNaN(cell.opsPerSecondError())
                ? String.format(Locale.ROOT, "%,.0f", cell.opsPerSecond())
                : String.format(Locale.ROOT, "%,.0f +- %,.0f", cell.opsPerSecond(), cell.opsPerSecondError());
        return String.format(Locale.ROOT, "  %-40s %26s %13s %,10.0f%n", configuration.label(), throughput, ratio,
                cell.bytesPerOp());
    }
}
