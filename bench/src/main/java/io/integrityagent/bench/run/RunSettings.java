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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What one comparison run does, from the command line; every default is the full run's. */
final class RunSettings {

    /** The pseudo-scenario of {@code --scenarios} that stands for the start-up timing. */
    static final String STARTUP = "startup";

    static final String USAGE = String.join("\n",
            "usage: bench/run [--quick] [--plan] [--goals 1,2,3,4,5] [--scenarios a,b] [--configs a,b] [--jdk 17,25]",
            "                 [--rounds N] [--peer-rounds N] [--startup-runs N]",
            "                 [--warmup N] [--iterations N] [--iteration-ms N]",
            "                 [--fork-args \"JVM OPTIONS\"] [--prof NAME[:OPTIONS]] [--agent-jar JAR] [--out DIR]",
            "  --quick          smoke test: 1 round, 1 x 0.5 s warm-up, 2 x 0.5 s measured, 2 start-up runs",
            "                   (proves every configuration and the goals table run; its numbers mean nothing)",
            "  --plan           print what would run and how long it would take, then stop",
            "  --goals          measure only these goals of the overhead issue, without the peers:",
            "                   1 hot path (insert,select,batch,churn on every JDK), 2 pool (pool-insert,pool-select),",
            "                   3 violation, 4 storm, 5 start-up and resident memory",
            "  --scenarios      " + Arrays.stream(Scenario.values()).map(Scenario::id).collect(Collectors.joining(","))
                    + "," + STARTUP,
            "                   (default all but pool-batch; hot-path scenarios and start-up run on every JDK,",
            "                   the others on the first)",
            "  --configs        " + Arrays.stream(Configuration.values()).map(Configuration::id)
                    .collect(Collectors.joining(",")) + " (none is always included)",
            "  --jdk            feature releases found under /usr/lib/jvm, or JDK directories (default 17,25;",
            "                   the peers run on the first only)",
            "  --rounds N       forks of no agent, the empty agent and the Integrity Agent per cell (default 5)",
            "  --peer-rounds N  forks of each peer per cell, in the first N rounds (default 3)",
            "  --startup-runs N process runs per configuration and JDK for the start-up time (default 15)",
            "  --warmup N, --iterations N, --iteration-ms N",
            "                   warm-up and measured iterations per fork and their length (default 5, 5, 1000)",
            "  --fork-args      extra options for every benchmark JVM, e.g. \"-XX:+UnlockDiagnosticVMOptions",
            "                   -XX:+PrintCompilation\" (their output goes to jmh.log)",
            "  --prof           a JMH profiler besides gc (repeatable): stack, jfr or async (their output per fork",
            "                   under profiles/), comp, perfnorm, ...; OPTIONS as JMH's -prof takes them, e.g.",
            "                   \"async:libPath=/path/libasyncProfiler.so;output=collapsed;event=cpu\"",
            "  --agent-jar JAR  the Integrity Agent jar to measure (default agent/target/integrity-agent.jar)",
            "  --out DIR        where results go (default bench/target/overhead/<date-time>)");

    private static final String DEFAULT_JDKS = "17,25";
    private static final Set<String> OPTIONS_WITH_VALUES = Set.of("--goals", "--scenarios", "--configs",
            "--configurations", "--jdk", "--jdks", "--rounds", "--peer-rounds", "--startup-runs", "--warmup",
            "--iterations", "--iteration-ms", "--fork-args", "--prof", "--agent-jar", "--out");

    boolean quick;
    boolean planOnly;
    int rounds = 5;
    int peerRounds = 3;
    int warmupIterations = 5;
    int warmupMillis = 1000;
    int measurementIterations = 5;
    int measurementMillis = 1000;
    int startupRuns = 15;
    boolean startup = true;
    List<Scenario> scenarios = Arrays.stream(Scenario.values()).filter(Scenario::byDefault)
            .collect(Collectors.toList());
    List<Configuration> configurations = Arrays.asList(Configuration.values());
    /** The first is the one the peers and the single-JDK scenarios run on. */
    List<Jdk> jdks = new ArrayList<>();
    /** What was asked for but is not installed, said at the start of the run. */
    final List<String> warnings = new ArrayList<>();
    List<String> forkArgs = List.of();
    final List<String> profilers = new ArrayList<>();
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
        settings.planOnly = rest.remove("--plan");
        if (rest.remove("--quick")) {
            settings.quick = true;
            settings.rounds = 1;
            settings.peerRounds = 1;
            settings.warmupIterations = 1;
            settings.warmupMillis = 500;
            settings.measurementIterations = 2;
            settings.measurementMillis = 500;
            settings.startupRuns = 2;
        }
        String goals = null;
        String scenarios = null;
        String configurations = null;
        String jdks = null;
        for (int i = 0; i < rest.size(); i += 2) {
            String option = rest.get(i);
            if (!OPTIONS_WITH_VALUES.contains(option)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = rest.get(i + 1);
            switch (option) {
                case "--goals" -> goals = value;
                case "--scenarios" -> scenarios = value;
                case "--configs", "--configurations" -> configurations = value;
                case "--jdk", "--jdks" -> jdks = value;
                case "--rounds" -> settings.rounds = positive(option, value);
                case "--peer-rounds" -> settings.peerRounds = positive(option, value);
                case "--startup-runs" -> settings.startupRuns = positive(option, value);
                case "--warmup" -> settings.warmupIterations = positive(option, value);
                case "--iterations" -> settings.measurementIterations = positive(option, value);
                case "--iteration-ms" -> {
                    settings.warmupMillis = positive(option, value);
                    settings.measurementMillis = settings.warmupMillis;
                }
                case "--fork-args" -> settings.forkArgs = Arrays.stream(value.trim().split("\\s+"))
                        .filter(arg -> !arg.isEmpty()).collect(Collectors.toList());
                case "--prof" -> settings.profilers.add(value);
                case "--agent-jar" -> settings.integrityAgentJar = Path.of(value).toAbsolutePath();
                case "--out" -> settings.out = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (goals != null) {
            settings.selectGoals(goals);
        }
        if (scenarios != null) {
            settings.selectScenarios(scenarios);
        }
        if (configurations != null) {
            List<Configuration> chosen = new ArrayList<>(list(configurations, Configuration::byId));
            if (!chosen.contains(Configuration.NONE)) {
                chosen.add(0, Configuration.NONE);
            }
            settings.configurations = chosen;
        }
        settings.findJdks(jdks);
        return settings;
    }

    /** The scenarios of the goals, and the configurations they are judged by: no peers. */
    private void selectGoals(String value) {
        Set<Integer> goals = new TreeSet<>();
        for (String goal : value.split(",")) {
            int number = positive("--goals", goal.trim());
            if (number > 5) {
                throw new IllegalArgumentException("--goals takes numbers from 1 to 5, not " + number);
            }
            goals.add(number);
        }
        scenarios = Arrays.stream(Scenario.values()).filter(s -> s.byDefault() && goals.contains(s.group().goal()))
                .collect(Collectors.toList());
        startup = goals.contains(5);
        configurations = Arrays.stream(Configuration.values()).filter(c -> !c.isPeer()).collect(Collectors.toList());
    }

    private void selectScenarios(String value) {
        List<String> ids = list(value, id -> id);
        startup = ids.remove(STARTUP);
        scenarios = ids.stream().map(Scenario::byId).collect(Collectors.toList());
    }

    private void findJdks(String value) {
        boolean asked = value != null;
        for (String spec : list(asked ? value : DEFAULT_JDKS, spec -> spec)) {
            Optional<Jdk> jdk = Jdk.find(spec);
            if (jdk.isPresent()) {
                if (jdks.stream().noneMatch(j -> j.feature() == jdk.get().feature())) {
                    jdks.add(jdk.get());
                }
            } else if (asked) {
                throw new IllegalArgumentException("no JDK " + spec + " (neither the running JDK nor under"
                        + " /usr/lib/jvm, nor a JDK directory)");
            } else {
                warnings.add("no JDK " + spec + " under /usr/lib/jvm: the goals on it are not measured");
            }
        }
        if (jdks.isEmpty()) {
            jdks.add(Jdk.running());
        }
    }

    /** The JDKs {@code scenario} runs on. */
    List<Jdk> jdksOf(Scenario scenario) {
        return scenario.onEveryJdk() ? jdks : jdks.subList(0, 1);
    }

    /** The configurations of {@code scenario} that fork {@code round} on {@code jdk} measures. */
    List<Configuration> configurationsOf(Scenario scenario, Jdk jdk, int round) {
        boolean peers = jdk.equals(jdks.get(0)) && round <= peerRounds;
        return scenario.configurations().stream().filter(configurations::contains)
                .filter(c -> peers || !c.isPeer()).collect(Collectors.toList());
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
                .distinct().collect(Collectors.toCollection(ArrayList::new));
    }

    private static Path ownJar() {
        try {
            return Path.of(RunSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
