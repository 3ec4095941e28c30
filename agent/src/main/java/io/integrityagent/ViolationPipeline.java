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
import io.integrityagent.recognition.ViolationRecognizer;
import io.integrityagent.report.ReportAssembler;
import java.util.List;

/**
 * The path of a failed statement through the agent: recognise the violations in what it threw, explain
 * each one, then hand it to every output (a {@link ReportSink}). Runs on the application's thread; any failure in
 * here is counted and swallowed, never seen by the application.
 */
final class ViolationPipeline implements FailureHandler {

    private final ReportAssembler assembler;
    private final List<ReportSink> sinks;
    private final AgentMetrics metrics;
    private final ApplicationContext context;

    /**
     * @param sinks   the outputs every report is handed to, in this order
     * @param metrics where the pipeline counts its own failures, each sink's under the sink's name
     * @param context where the span and MDC of the failing thread are read
     */
    ViolationPipeline(ReportAssembler assembler, List<ReportSink> sinks, AgentMetrics metrics,
                      ApplicationContext context) {
        this.assembler = assembler;
        this.sinks = List.copyOf(sinks);
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
            // Walked here, not in a method of its own: each frame above the call site costs the walk a frame.
            CallSite.Located callSite = CallSite.walker().walk(CallSite.search());
            Correlation correlation = correlation();
            for (int i = 0; i < violations.size(); i++) {
                publish(assembler.assemble(failure, violations.get(i), i, dialect, callSite.callSite(),
                        callSite.path(), correlation), correlation);
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

    /** Hands the report to every sink; one that fails is counted and does not keep it from the others. */
    private void publish(ViolationReport report, Correlation correlation) {
        for (ReportSink sink : sinks) {
            try {
                sink.accept(report, correlation);
            } catch (Throwable internal) {
                metrics.countInternalError(sink.name());
            }
        }
    }
}
