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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything one run measured, read back from its directory: the JMH JSON of every fork under {@code results/},
 * the agent's counts the violation and storm forks wrote next to theirs, and the start-up times.
 */
final class RunResults {

    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final String CONFIGURATION_ARG = "-D" + Configuration.PROPERTY + "=";
    private static final String ROUND_ARG = "-D" + ForkResult.ROUND_PROPERTY + "=";
    private static final Pattern JDK_FEATURE = Pattern.compile("^(?:1\\.)?(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<ForkResult> forks = new ArrayList<>();
    final List<CountCheck> counts = new ArrayList<>();
    final StartupTimes startup;
    /** A result of each JDK, for the versions and the iteration settings in the header. */
    final Map<String, JsonNode> samples = new LinkedHashMap<>();

    private RunResults(StartupTimes startup) {
        this.startup = startup;
    }

    static RunResults load(Path runDirectory) throws IOException {
        RunResults results = new RunResults(StartupTimes.load(runDirectory.resolve("startup.tsv")));
        Path directory = runDirectory.resolve("results");
        if (Files.isDirectory(directory)) {
            List<Path> files;
            try (Stream<Path> listed = Files.list(directory)) {
                files = listed.sorted().collect(Collectors.toList());
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(ForkResult.COUNTS_SUFFIX)) {
                    results.counts.add(CountCheck.read(file));
                } else if (name.endsWith(".json")) {
                    results.readForks(file);
                }
            }
        }
        return results;
    }

    private void readForks(Path file) throws IOException {
        for (JsonNode result : JSON.readTree(file.toFile())) {
            Scenario scenario = Scenario.ofBenchmark(result.path("benchmark").asText());
            Configuration configuration = null;
            int round = 0;
            for (JsonNode arg : result.path("jvmArgs")) {
                String text = arg.asText();
                if (text.startsWith(CONFIGURATION_ARG)) {
                    configuration = Configuration.byId(text.substring(CONFIGURATION_ARG.length()));
                } else if (text.startsWith(ROUND_ARG)) {
                    round = Integer.parseInt(text.substring(ROUND_ARG.length()));
                }
            }
            if (scenario == null || configuration == null) {
                continue;
            }
            String jdk = result.path("jdkVersion").asText();
            samples.putIfAbsent(jdk, result);
            List<List<Double>> throughput = rawData(result.path("primaryMetric"));
            List<List<Double>> allocation = rawData(result.path("secondaryMetrics").path(ALLOCATION));
            for (int fork = 0; fork < throughput.size(); fork++) {
                forks.add(new ForkResult(jdk, scenario, configuration, round, throughput.get(fork),
                        fork < allocation.size() ? allocation.get(fork) : List.of()));
            }
        }
    }

    /** Each fork's measured iterations. */
    private static List<List<Double>> rawData(JsonNode metric) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            List<Double> values = new ArrayList<>();
            fork.forEach(value -> values.add(value.asDouble()));
            forks.add(values);
        }
        return forks;
    }

    /** The JDKs measured, oldest first: those of the benchmarks and those of the start-up times. */
    List<String> jdks() {
        return Stream.concat(forks.stream().map(ForkResult::jdk), startup.jdks().stream()).distinct()
                .sorted(Comparator.comparingInt(RunResults::feature).thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.toList());
    }

    static int feature(String jdkVersion) {
        Matcher leading = JDK_FEATURE.matcher(jdkVersion);
        return leading.find() ? Integer.parseInt(leading.group(1)) : 0;
    }

    /** The measured JDK of that feature release, or null. */
    String jdkOfFeature(int feature) {
        return jdks().stream().filter(jdk -> feature(jdk) == feature).findFirst().orElse(null);
    }

    /** The forks of one cell, or null when the run did not measure it. */
    Cell cell(String jdk, Scenario scenario, Configuration configuration) {
        List<ForkResult> of = forks.stream().filter(f -> f.jdk().equals(jdk) && f.scenario() == scenario
                && f.configuration() == configuration).collect(Collectors.toList());
        return of.isEmpty() ? null : new Cell(of);
    }

    /** The scenarios measured on {@code jdk}, in the order of their declaration. */
    List<Scenario> scenarios(String jdk) {
        return forks.stream().filter(f -> f.jdk().equals(jdk)).map(ForkResult::scenario).distinct().sorted()
                .collect(Collectors.toList());
    }

    /**
     * A fork's throughput over that of the no-agent fork of the same round, JDK and scenario — the one that ran
     * next to it — or empty when there was none.
     */
    OptionalDouble ratioInRound(ForkResult fork) {
        Map<Integer, Double> noAgent = noAgentByRound(fork.jdk(), fork.scenario());
        Double baseline = noAgent.get(fork.round());
        return baseline == null ? OptionalDouble.empty() : OptionalDouble.of(fork.meanOpsPerSecond() / baseline);
    }

    /** The per-round ratios of a cell's forks, in round order; forks without a no-agent fork are left out. */
    List<Double> ratiosInRound(Cell cell) {
        List<Double> ratios = new ArrayList<>();
        for (ForkResult fork : cell.forks()) {
            ratioInRound(fork).ifPresent(ratios::add);
        }
        return ratios;
    }

    private Map<Integer, Double> noAgentByRound(String jdk, Scenario scenario) {
        Map<Integer, List<Double>> byRound = new HashMap<>();
        forks.stream().filter(f -> f.jdk().equals(jdk) && f.scenario() == scenario
                        && f.configuration() == Configuration.NONE)
                .forEach(f -> byRound.computeIfAbsent(f.round(), r -> new ArrayList<>()).add(f.meanOpsPerSecond()));
        Map<Integer, Double> means = new HashMap<>();
        byRound.forEach((round, values) -> means.put(round,
                values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return means;
    }

    /** The count checks of one scenario's forks. */
    List<CountCheck> counts(Scenario scenario) {
        return counts.stream().filter(c -> c.scenario() == scenario).collect(Collectors.toList());
    }
}
