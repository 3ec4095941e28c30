package io.integrityagent.bench.run;

import io.integrityagent.bench.AgentCounts;
import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import io.integrityagent.bench.report.ForkResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH part: one forked JVM per (round, JDK, scenario, configuration), each writing its own JSON result file.
 *
 * <p>Forks are interleaved so that a change in machine load over the run hits every configuration alike: in each
 * round, each scenario runs once under every configuration, back to back, before the next scenario; and the
 * order of the configurations rotates from one scenario and round to the next, so no configuration always runs
 * first (on a cold machine) or last. Each fork is labelled with its round, so that the table can set it against
 * the no-agent fork that ran next to it.
 */
final class Measurements {

    private static final String ALLOCATION = "gc.alloc.rate.norm";
    /** What a fork costs besides its iterations, as seen on 2 cores: JVM and JMH start, set-up, tear-down. */
    private static final double FORK_SECONDS = 2;
    private static final double INTEGRITY_SECONDS = 1.5;
    private static final double OPENTELEMETRY_SECONDS = 4;
    /** The start of JMH's message when another JMH instance holds {@code /tmp/jmh.lock}. */
    private static final String JMH_LOCK_REFUSAL = "Unable to acquire the JMH lock";
    private static final long MAX_LOCK_WAIT_NANOS = TimeUnit.HOURS.toNanos(1);

    private final RunSettings settings;

    Measurements(RunSettings settings) {
        this.settings = settings;
    }

    record Fork(int round, Jdk jdk, Scenario scenario, Configuration configuration) {
        String name() {
            return "r" + round + "-" + jdk.id() + "-" + scenario.id() + "-" + configuration.id();
        }

        /** The forks whose agent's counts are checked against the violations the benchmark caught. */
        boolean checksCounts() {
            return configuration.usesIntegrityAgent()
                    && (scenario == Scenario.VIOLATION || scenario == Scenario.STORM);
        }
    }

    List<Fork> plan() {
        List<Fork> forks = new ArrayList<>();
        int rounds = Math.max(settings.rounds, settings.peerRounds);
        for (int round = 1; round <= rounds; round++) {
            for (int s = 0; s < settings.scenarios.size(); s++) {
                Scenario scenario = settings.scenarios.get(s);
                for (Jdk jdk : settings.jdksOf(scenario)) {
                    List<Configuration> order = new ArrayList<>(settings.configurationsOf(scenario, jdk, round));
                    if (round > settings.rounds) {
                        order.removeIf(c -> !c.isPeer()); // peers' extra rounds, if more than the others'
                    }
                    Collections.rotate(order, -(round - 1 + s));
                    for (Configuration configuration : order) {
                        forks.add(new Fork(round, jdk, scenario, configuration));
                    }
                }
            }
        }
        return forks;
    }

    /** Runs every fork of the plan; JMH's own report of each goes to {@code jmh.log}. */
    void run() throws IOException, InterruptedException {
        Files.createDirectories(settings.results());
        List<Fork> plan = plan();
        Map<String, Double> noAgent = new HashMap<>();
        try (PrintStream log = new PrintStream(new FileOutputStream(settings.out.resolve("jmh.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            OutputFormat jmhOutput = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
            for (int i = 0; i < plan.size(); i++) {
                Fork fork = plan.get(i);
                long start = System.nanoTime();
                RunResult result;
                try {
                    result = runWhenNoOtherJmhRuns(fork, jmhOutput);
                } catch (RunnerException failed) {
                    throw new IllegalStateException("fork " + (i + 1) + " (" + fork.name() + ") failed; see "
                            + settings.out.resolve("jmh.log"), failed);
                }
                double score = result.getPrimaryResult().getScore();
                String sameRound = "r" + fork.round() + "-" + fork.jdk().id() + "-" + fork.scenario().id();
                if (fork.configuration() == Configuration.NONE) {
                    noAgent.put(sameRound, score);
                }
                Double baseline = noAgent.get(sameRound);
                System.out.printf("  [%3d/%d] r%d %-5s %-11s %-38s %,12.0f ops/s %9s %,9.0f B/op  (%d s)%n", i + 1,
                        plan.size(), fork.round(), fork.jdk().id(), fork.scenario().id(),
                        fork.configuration().label(), score,
                        baseline == null ? "" : String.format("%.3f", score / baseline), allocation(result),
                        (System.nanoTime() - start) / 1_000_000_000L);
            }
        }
    }

    /**
     * JMH refuses to start while another JMH run on the machine holds its lock file; two runs side by side would
     * skew each other, so the fork waits for the other run to end instead of failing this run.
     */
    private RunResult runWhenNoOtherJmhRuns(Fork fork, OutputFormat jmhOutput)
            throws RunnerException, InterruptedException {
        long waitingSince = 0;
        while (true) {
            try {
                return new Runner(options(fork), jmhOutput).runSingle();
            } catch (RunnerException failed) {
                if (!String.valueOf(failed.getMessage()).contains(JMH_LOCK_REFUSAL)) {
                    throw failed;
                }
                if (waitingSince == 0) {
                    waitingSince = System.nanoTime();
                    System.out.println("  (another JMH run holds its lock; waiting for it to end)");
                } else if (System.nanoTime() - waitingSince > MAX_LOCK_WAIT_NANOS) {
                    throw failed;
                }
                Thread.sleep(2_000);
            }
        }
    }

    private Options options(Fork fork) {
        List<String> jvmArgs = new ArrayList<>(Jvm.BENCHMARK_OPTIONS);
        jvmArgs.addAll(Jvm.configurationArgs(settings, fork.configuration()));
        jvmArgs.add("-D" + ForkResult.ROUND_PROPERTY + "=" + fork.round());
        jvmArgs.add("-D" + Scenario.PREWARM_PROPERTY + "="
                + fork.scenario().prewarmMillis(settings.warmupIterations, settings.warmupMillis));
        if (fork.checksCounts()) {
            jvmArgs.add("-D" + AgentCounts.PORT_PROPERTY + "=" + Jvm.freePort());
            jvmArgs.add("-D" + AgentCounts.FILE_PROPERTY + "="
                    + settings.results().resolve(fork.name() + ForkResult.COUNTS_SUFFIX));
        }
        jvmArgs.addAll(settings.forkArgs);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(fork.scenario().benchmark()) + "$")
                .forks(1)
                .jvm(fork.jdk().java().toString())
                .warmupIterations(fork.scenario().warmupIterations(settings.warmupIterations))
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis))
                .measurementIterations(settings.measurementIterations)
                .measurementTime(TimeValue.milliseconds(settings.measurementMillis))
                .jvmArgs(jvmArgs.toArray(new String[0]))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(settings.results().resolve(fork.name() + ".json").toString());
        for (String profiler : settings.profilers) {
            int colon = profiler.indexOf(':');
            String name = colon < 0 ? profiler : profiler.substring(0, colon);
            String profilerOptions = colon < 0 ? "" : profiler.substring(colon + 1);
            if ((name.equals("jfr") || name.equals("async")) && !profilerOptions.contains("dir=")) {
                // Their default directory is named after the benchmark: every fork of it would overwrite the last.
                String dir = "dir=" + settings.out.resolve("profiles").resolve(fork.name());
                profilerOptions = profilerOptions.isEmpty() ? dir : profilerOptions + ";" + dir;
            }
            options.addProfiler(name, profilerOptions);
        }
        return options.build();
    }

    private static double allocation(RunResult result) {
        Result<?> allocation = result.getSecondaryResults().get(ALLOCATION);
        return allocation == null ? Double.NaN : allocation.getScore();
    }

    /**
     * A rough duration of the plan on an otherwise idle 2-core machine: the iterations, plus what a fork costs
     * around them (JVM and JMH start, table set-up, the agents' start-up, the agent's counts settling).
     */
    long estimatedSeconds() {
        double total = 0;
        for (Fork fork : plan()) {
            Configuration configuration = fork.configuration();
            double iterations = (fork.scenario().prewarmMillis(settings.warmupIterations, settings.warmupMillis)
                    + fork.scenario().warmupIterations(settings.warmupIterations) * settings.warmupMillis
                    + settings.measurementIterations * settings.measurementMillis) / 1000.0;
            total += iterations + FORK_SECONDS + (configuration.usesIntegrityAgent() ? INTEGRITY_SECONDS : 0)
                    + (configuration.usesOpenTelemetryAgent() ? OPENTELEMETRY_SECONDS : 0);
        }
        return Math.round(total);
    }
}
