package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What one comparison run does, from the command line; every default is the full run's. */
final class RunSettings {

    static final String USAGE = String.join("\n",
            "usage: bench/run [--quick] [--rounds N] [--startup-runs N] [--scenarios a,b] [--configs a,b]",
            "                 [--agent-jar JAR] [--out DIR]",
            "  --quick          smoke test: 1 round, 1 x 0.5 s warm-up, 2 x 0.5 s measured, 2 start-up runs",
            "                   (proves everything runs; its numbers mean nothing)",
            "  --rounds N       forks per scenario and configuration, run round-robin (default 3)",
            "  --startup-runs N process runs per configuration for the start-up time (default 7)",
            "  --scenarios      " + Arrays.stream(Scenario.values()).map(Scenario::id).collect(Collectors.joining(",")),
            "  --configs        " + Arrays.stream(Configuration.values()).map(Configuration::id)
                    .collect(Collectors.joining(",")) + " (none is always included)",
            "  --agent-jar JAR  the Integrity Agent jar to measure (default agent/target/integrity-agent.jar)",
            "  --out DIR        where results go (default bench/target/overhead/<date-time>)");

    boolean quick;
    int rounds = 3;
    int warmupIterations = 5;
    int warmupMillis = 1000;
    int measurementIterations = 5;
    int measurementMillis = 1000;
    int startupRuns = 7;
    List<Scenario> scenarios = Arrays.asList(Scenario.values());
    List<Configuration> configurations = Arrays.asList(Configuration.values());
    Path out;
    final Path benchmarksJar;
    Path integrityAgentJar;
    final Path openTelemetryAgentJar;

    private RunSettings(Path benchmarksJar) {
        this.benchmarksJar = benchmarksJar;
        Path target = benchmarksJar.getParent();
        this.integrityAgentJar = target.getParent().getParent().resolve("agent/target/integrity-agent.jar");
        this.openTelemetryAgentJar = target.resolve("agents/opentelemetry-javaagent.jar");
        this.out = target.resolve("overhead")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    static RunSettings parse(String[] args) {
        RunSettings settings = new RunSettings(ownJar());
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.remove("--quick")) {
            settings.quick = true;
            settings.rounds = 1;
            settings.warmupIterations = 1;
            settings.warmupMillis = 500;
            settings.measurementIterations = 2;
            settings.measurementMillis = 500;
            settings.startupRuns = 2;
        }
        for (int i = 0; i < rest.size(); i += 2) {
            String option = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = rest.get(i + 1);
            switch (option) {
                case "--rounds":
                    settings.rounds = positive(option, value);
                    break;
                case "--startup-runs":
                    settings.startupRuns = positive(option, value);
                    break;
                case "--scenarios":
                    settings.scenarios = list(value, Scenario::byId);
                    break;
                case "--configs":
                    List<Configuration> chosen = new ArrayList<>(list(value, Configuration::byId));
                    if (!chosen.contains(Configuration.NONE)) {
                        chosen.add(0, Configuration.NONE);
                    }
                    settings.configurations = chosen;
                    break;
                case "--agent-jar":
                    settings.integrityAgentJar = Path.of(value).toAbsolutePath();
                    break;
                case "--out":
                    settings.out = Path.of(value).toAbsolutePath();
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return settings;
    }

    /** The configurations of {@code scenario} that this run measures. */
    List<Configuration> configurationsOf(Scenario scenario) {
        return scenario.configurations().stream().filter(configurations::contains).collect(Collectors.toList());
    }

    /** Says which agent jar the chosen configurations need but is not there, or null when all are. */
    String missingJars() {
        boolean integrity = configurations.stream().anyMatch(Configuration::usesIntegrityAgent);
        boolean otel = configurations.stream().anyMatch(Configuration::usesOpenTelemetryAgent);
        if (integrity && !Files.isRegularFile(integrityAgentJar)) {
            return "no Integrity Agent jar at " + integrityAgentJar + " (build it: mvn -Pbench -DskipTests package)";
        }
        if (otel && !Files.isRegularFile(openTelemetryAgentJar)) {
            return "no OpenTelemetry agent jar at " + openTelemetryAgentJar + " (mvn -Pbench package copies it there)";
        }
        return null;
    }

    Path results() {
        return out.resolve("results");
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number above 0, not '" + value + "'");
    }

    private static <T> List<T> list(String value, Function<String, T> byId) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(byId)
                .distinct().collect(Collectors.toList());
    }

    private static Path ownJar() {
        try {
            return Path.of(RunSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
