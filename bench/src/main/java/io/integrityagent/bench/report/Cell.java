package io.integrityagent.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Everything measured for one scenario under one configuration on one JDK: each fork on its own, and every
 * measured iteration of all forks pooled (as JMH pools the iterations of its own forks).
 */
final class Cell {

    private final List<ForkResult> forks;
    private final ListStatistics throughput = new ListStatistics();
    private final ListStatistics allocation = new ListStatistics();

    Cell(List<ForkResult> forks) {
        this.forks = forks.stream().sorted(Comparator.comparingInt(ForkResult::round)).collect(Collectors.toList());
        for (ForkResult fork : forks) {
            fork.opsPerSecond().forEach(throughput::addValue);
            fork.bytesPerOp().forEach(allocation::addValue);
        }
    }

    /** In the order of their rounds. */
    List<ForkResult> forks() {
        return forks;
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

    /** Nanoseconds per operation, from the pooled throughput. */
    double nanosPerOp() {
        return 1e9 / opsPerSecond();
    }
}
