package io.integrityagent.bench.report;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.util.List;

/**
 * One JMH fork as its JSON result tells it: the JDK it ran on, what it measured, the round of the run it ran in,
 * and each measured iteration's throughput and bytes allocated per operation.
 */
public record ForkResult(String jdk, Scenario scenario, Configuration configuration, int round,
                         List<Double> opsPerSecond, List<Double> bytesPerOp) {

    /** The system property the runner labels each benchmark JVM's round with. */
    public static final String ROUND_PROPERTY = "bench.round";
    /** The file next to a fork's JSON in which it wrote the agent's counts against its own. */
    public static final String COUNTS_SUFFIX = ".counts.tsv";

    double meanOpsPerSecond() {
        return mean(opsPerSecond);
    }

    double meanBytesPerOp() {
        return mean(bytesPerOp);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
