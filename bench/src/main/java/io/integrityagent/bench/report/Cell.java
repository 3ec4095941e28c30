package io.integrityagent.bench.report;

import java.util.List;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Everything measured for one scenario under one configuration, over all its forks: every measured iteration's
 * throughput pooled (as JMH pools the iterations of its own forks) and every iteration's allocation per op.
 */
final class Cell {

    private final ListStatistics throughput = new ListStatistics();
    private final ListStatistics allocation = new ListStatistics();
    private int forks;

    void addFork(List<Double> iterations, List<Double> bytesPerOp) {
        iterations.forEach(throughput::addValue);
        bytesPerOp.forEach(allocation::addValue);
        forks++;
    }

    int forks() {
        return forks;
    }

    long iterations() {
        return throughput.getN();
    }

    double opsPerSecond() {
        return throughput.getMean();
    }

    /** Half the width of the 99.9% confidence interval of the mean, as JMH reports its own error. */
    double opsPerSecondError() {
        return throughput.getN() > 1 ? throughput.getMeanErrorAt(0.999) : Double.NaN;
    }

    double bytesPerOp() {
        return allocation.getN() > 0 ? allocation.getMean() : Double.NaN;
    }
}
