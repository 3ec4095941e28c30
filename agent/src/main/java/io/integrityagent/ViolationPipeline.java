package io.integrityagent;

import io.integrityagent.capture.CallSite;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.context.ApplicationContext;
import io.integrityagent.context.Correlation;
import io.integrityagent.dialect.Dialects;
import io.integrityagent.instrumentation.FailureHandler;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.output.AgentMetrics;
import io.integrityagent.output.EventFile;
import io.integrityagent.output.ViolationLog;
import io.integrityagent.recognition.ViolationRecognizer;
import io.integrityagent.report.ReportAssembler;
import java.util.List;

/**
 * The path of a failed statement through the agent: recognise the violations in what it threw, explain
 * each one, then count it, log it, record it and mark it on the trace. Runs on the application's thread; any failure in here is
 * counted and swallowed, never seen by the application.
 */
final class ViolationPipeline implements FailureHandler {

    private final ReportAssembler assembler;
    private final ViolationLog log;
    private final EventFile events;
    private final AgentMetrics metrics;
    private final ApplicationContext context;

    /**
     * @param log    where explanations are written, or null when the log is off
     * @param events where events go, or null when no events file is configured
     */
    ViolationPipeline(ReportAssembler assembler, ViolationLog log, EventFile events, AgentMetrics metrics,
                      ApplicationContext context) {
        this.assembler = assembler;
        this.log = log;
        this.events = events;
        this.metrics = metrics;
        this.context = context;
    }

    @Override
    public void onFailure(FailedExecution failure) {
        try {
            List<Throwable> chain = ViolationRecognizer.chainOf(failure.thrown());
            Dialect dialect = Dialects.of(DatabaseSystem.detect(failure.statementClass(), chain));
            List<RecognizedViolation> violations = ViolationRecognizer.recognize(chain, dialect);
            if (violations.isEmpty()) {
                return;
            }
            String callSite = CallSite.find();
            Correlation correlation = correlation();
            for (int i = 0; i < violations.size(); i++) {
                publish(assembler.assemble(failure, violations.get(i), i, dialect, callSite, correlation),
                        correlation);
            }
        } catch (Throwable internal) {
            metrics.countInternalError("pipeline");
        }
    }

    private Correlation correlation() {
        try {
            return context.capture();
        } catch (Throwable internal) {
            metrics.countInternalError("context");
            return Correlation.NONE;
        }
    }

    private void publish(ViolationReport report, Correlation correlation) {
        try {
            metrics.countViolation(report);
        } catch (Throwable internal) {
            metrics.countInternalError("metrics");
        }
        if (log != null) {
            try {
                log.log(report);
            } catch (Throwable internal) {
                metrics.countInternalError("log");
            }
        }
        if (events != null) {
            try {
                events.write(report);
            } catch (Throwable internal) {
                metrics.countInternalError("events");
            }
        }
        try {
            context.addSpanEvent(correlation, report);
        } catch (Throwable internal) {
            metrics.countInternalError("traces");
        }
    }
}
