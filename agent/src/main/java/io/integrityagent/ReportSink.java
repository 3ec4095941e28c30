package io.integrityagent;

import io.integrityagent.context.Correlation;
import io.integrityagent.model.ViolationReport;

/**
 * One output each finished report is handed to: the metrics, the log, the events file, the trace. Its name is
 * the stage its failures are counted under ({@code integrity_agent_errors_total{stage=…}}), so dashboards can
 * tell which output is failing while the others go on.
 */
final class ReportSink {

    /** What the output does with a report; it may throw, the pipeline contains and counts it. */
    interface Output {
        void accept(ViolationReport report, Correlation correlation) throws Throwable;
    }

    private final String name;
    private final Output output;

    ReportSink(String name, Output output) {
        this.name = name;
        this.output = output;
    }

    String name() {
        return name;
    }

    void accept(ViolationReport report, Correlation correlation) throws Throwable {
        output.accept(report, correlation);
    }
}
