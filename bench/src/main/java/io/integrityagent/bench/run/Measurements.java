package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH part: one forked JVM per (round, scenario, configuration), each writing its own JSON result file.
 *
 * <p>Forks are interleaved so that a change in machine load over the run hits every configuration alike: in each
 * round, each scenario runs once under every configuration, back to back, before the next scenario; and the
 * order of the configurations rotates from one scenario and round to the next, so no configuration always runs
 * first (on a cold machine) or last.
 */
final class Measurements {

    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private final RunSettings settings;

    Measurements(RunSettings settings) {
        this.settings = settings;
    }

    record Fork(int round, Scenario scenario, Configuration configuration) {
        Path resultFile(Path results) {
            return results.resolve("r" + round + "-" + scenario.id() + "-" + configuration.id() + ".json");
        }
    }

    List<Fork> plan() {
        List<Fork> forks = new ArrayList<>();
        for (int round = 1; round <= settings.rounds; round++) {
            for (int s = 0; s < settings.scenarios.size(); s++) {
                Scenario scenario = settings.scenarios.get(s);
                List<Configuration> order = new ArrayList<>(settings.configurationsOf(scenario));
                Collections.rotate(order, -(round - 1 + s));
                for (Configuration configuration : order) {
                    forks.add(new Fork(round, scenario, configuration));
                }
            }
        }
        return forks;
    }

    /** Runs every fork of the plan; JMH's own report of each goes to {@code jmh.log}. */
    void run() throws IOException {
        Files.createDirectories(settings.results());
        List<Fork> plan = plan();
        try (PrintStream log = new PrintStream(new FileOutputStream(settings.out.resolve("jmh.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            OutputFormat jmhOutput = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
            for (int i = 0; i < plan.size(); i++) {
                Fork fork = plan.get(i);
                long start = System.nanoTime();
                RunResult result;
                try {
                    result = new Runner(options(fork), jmhOutput).runSingle();
                } catch (RunnerException failed) {
                    throw new IllegalStateException("fork " + (i + 1) + " (round " + fork.round() + ", "
                            + fork.scenario().id() + ", " + fork.configuration().id() + ") failed; see "
                            + settings.out.resolve("jmh.log"), failed);
                }
                System.out.printf("  [%3d/%d] round %d  %-10s %-40s %,14.0f ops/s %,10.0f B/op  (%d s)%n", i + 1,
                        plan.size(), fork.round(), fork.scenario().id(), fork.configuration().label(),
                        result.getPrimaryResult().getScore(), allocation(result),
                        (System.nanoTime() - start) / 1_000_000_000L);
            }
        }
    }

    private Options options(Fork fork) {
        List<String> jvmArgs = new ArrayList<>(Jvm.BENCHMARK_HEAP);
        jvmArgs.addAll(Jvm.configurationArgs(settings, fork.configuration()));
        return new OptionsBuilder()
                .include("^" + Pattern.quote(fork.scenario().benchmark()) + "$")
                .forks(1)
                .warmupIterations(settings.warmupIterations)
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis))
                .measurementIterations(settings.measurementIterations)
                .measurementTime(TimeValue.milliseconds(settings.measurementMillis))
                .jvmArgs(jvmArgs.toArray(new String[0]))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(fork.resultFile(settings.results()).toString())
                .build();
    }

    private static double allocation(RunResult result) {
        Result allocation = result.getSecondaryResults().get(ALLOCATION);
        return allocation == null ? Double.NaN : allocation.getScore();
    }

    /**
     * A rough duration of the plan on an otherwise idle 2-core machine: the iterations, plus what a fork costs
     * around them (JVM and JMH start, table set-up) and each agent's start-up.
     */
    long estimatedSeconds() {
        double iterations = (settings.warmupIterations * settings.warmupMillis
                + settings.measurementIterations * settings.measurementMillis) / 1000.0;
        double total = 0;
        for (Fork fork : plan()) {
            Configuration configuration = fork.configuration();
            total += iterations + 2 + (configuration.usesIntegrityAgent() ? 1.5 : 0)
                    + (configuration.usesOpenTelemetryAgent() ? 4 : 0);
        }
        return Math.round(total);
    }
}
