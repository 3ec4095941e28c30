package io.integrityagent;

import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.config.AgentConfig;
import io.integrityagent.config.LogFormat;
import io.integrityagent.context.ApplicationContext;
import io.integrityagent.instrumentation.BootstrapClasses;
import io.integrityagent.instrumentation.CaptureHooks;
import io.integrityagent.instrumentation.FailureHandler;
import io.integrityagent.instrumentation.JdbcInstrumentation;
import io.integrityagent.output.AgentMetrics;
import io.integrityagent.output.ApplicationLogSinks;
import io.integrityagent.output.ApplicationMetrics;
import io.integrityagent.output.EventFile;
import io.integrityagent.output.OtlpMetrics;
import io.integrityagent.output.ViolationLog;
import io.integrityagent.report.Redactor;
import io.integrityagent.report.ReportAssembler;
import io.integrityagent.report.ValueRenderer;
import io.integrityagent.ui.RecentViolations;
import io.integrityagent.util.Escaping;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Builds the violation pipeline and starts its outputs, on the agent's start thread. */
final class OutputsStart {

    private OutputsStart() {
    }

    /**
     * Builds the pipeline and starts the outputs, once JDBC classes are instrumented: they load most of the
     * agent's classes, and the application need not wait for that to run its first query.
     */
    static void start(AgentConfig config, AgentMetrics metrics, StartingPipeline starting,
                      Instrumentation instrumentation) {
        FailureHandler started = FailureHandler.NONE;
        try {
            if (config.applicationMetrics()) {
                ApplicationMetrics.watch(instrumentation, metrics);
            }
            List<String> outputs = new ArrayList<>();
            // Started before the sinks exist, so that the live page's store is kept only when it is served.
            List<String> served = new ArrayList<>();
            RecentViolations recent = EndpointStart.start(config, metrics, AgentStart::printLine, served).recent();
            ApplicationContext context = new ApplicationContext(config.traces());
            started = new ViolationPipeline(
                    new ReportAssembler(new ValueRenderer(config.valuesMaxLength(), config.sqlMaxLength()),
                            new Redactor(config.redactPattern()), config.captureParameters(),
                            new CatalogLookup(CaptureHooks::unobserved)),
                    sinks(config, metrics, context, recent, starting, outputs), metrics, context);
            outputs.addAll(served);
            startOtlp(config, metrics, outputs);
            AgentStart.printLine(IntegrityAgent.NAME + " " + IntegrityAgent.version()
                    + ": explaining integrity violations sent through JDBC"
                    + (outputs.isEmpty() ? "" : "; " + String.join("; ", outputs)));
        } catch (Throwable failure) {
            AgentStart.printLine(IntegrityAgent.NAME + ": could not start (" + failure
                    + "); the application runs without it");
        } finally {
            starting.started(started);
            CaptureHooks.handOver(starting, started);
        }
    }

    /**
     * The outputs of every report, each named by the stage its failures are counted under.
     *
     * @param recent the live page's store, {@code null} when the page is not served
     */
    private static List<ReportSink> sinks(AgentConfig config, AgentMetrics metrics, ApplicationContext context,
                                          RecentViolations recent, StartingPipeline starting,
                                          List<String> outputs) {
        List<ReportSink> sinks = new ArrayList<>();
        sinks.add(new ReportSink("metrics", (report, correlation) -> metrics.countViolation(report)));
        ViolationLog log = openLog(config, starting, outputs);
        if (log != null) {
            sinks.add(new ReportSink("log", (report, correlation) -> log.log(report)));
        }
        EventFile events = openEvents(config, outputs);
        if (events != null) {
            sinks.add(new ReportSink("events", (report, correlation) -> events.write(report)));
        }
        sinks.add(new ReportSink("traces", (report, correlation) -> context.addSpanEvent(correlation, report)));
        if (recent != null) {
            sinks.add(new ReportSink("ui", (report, correlation) -> recent.record(report)));
        }
        return sinks;
    }

    private static ViolationLog openLog(AgentConfig config, StartingPipeline starting, List<String> outputs) {
        if (config.logFormat() == LogFormat.OFF) {
            outputs.add("log off");
            return null;
        }
        ViolationLog log = new ViolationLog(config.logFormat(), config.logSummaryInterval(),
                new ApplicationLogSinks(), config.logQuiet());
        starting.atExit(log::flushAtExit);
        return log;
    }

    private static EventFile openEvents(AgentConfig config, List<String> outputs) {
        if (config.eventsFile() == null) {
            return null;
        }
        EventFile events = new EventFile(config.eventsFile(), AgentStart::printLine);
        outputs.add("events to " + config.eventsFile() + (events.isOpen() ? "" : " (once it can be opened)"));
        return events;
    }

    private static void startOtlp(AgentConfig config, AgentMetrics metrics, List<String> outputs) {
        if (config.otlpEndpoint() == null) {
            return;
        }
        try {
            OtlpMetrics.start(config.otlpEndpoint(), config.otlpInterval(), metrics);
            outputs.add("metrics pushed over OTLP to " + config.otlpEndpoint() + " every "
                    + config.otlpInterval().toSeconds() + " s");
        } catch (Throwable e) {
            AgentStart.printLine(IntegrityAgent.NAME + ": cannot push metrics over OTLP to " + config.otlpEndpoint()
                    + " (" + e + "); continuing without OTLP");
        }
    }
}
