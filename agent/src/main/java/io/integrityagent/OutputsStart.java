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

/** Starts the outputs on the agent's start thread, and builds the violation pipeline when it is first needed. */
final class OutputsStart {

    private OutputsStart() {
    }

    /**
     * Starts the outputs, once JDBC classes are instrumented, and leaves the pipeline to be built when the first
     * violation needs it: building it loads most of the agent's classes, tens of milliseconds of CPU that an
     * application need not spend on its start, nor at all if it never sends a violation. What the outside sees
     * (the endpoint, the application's registry, OTLP, the events file, the start-up line) starts now.
     */
    static void start(AgentConfig config, AgentMetrics metrics, StartingPipeline starting,
                      Instrumentation instrumentation) {
        try {
            if (config.applicationMetrics()) {
                ApplicationMetrics.watch(instrumentation, metrics);
            }
            List<String> outputs = new ArrayList<>();
            if (config.logFormat() == LogFormat.OFF) {
                outputs.add("log off");
            }
            EventFile events = openEvents(config, outputs);
            // Started before the pipeline exists, so that the live page's store is kept only when it is served.
            RecentViolations recent = EndpointStart.start(config, metrics, AgentStart::printLine, outputs).recent();
            startOtlp(config, metrics, outputs);
            AgentStart.printLine(IntegrityAgent.NAME + " " + IntegrityAgent.version()
                    + ": explaining integrity violations sent through JDBC"
                    + (outputs.isEmpty() ? "" : "; " + String.join("; ", outputs)));
            ThreadGroup agentThreads = Thread.currentThread().getThreadGroup();
            starting.buildOnFirstUse(() -> pipeline(config, metrics, starting, recent, events, agentThreads));
        } catch (Throwable failure) {
            AgentStart.printLine(IntegrityAgent.NAME + ": could not start (" + failure
                    + "); the application runs without it");
            starting.started(FailureHandler.NONE);
        }
    }

    /**
     * The pipeline, built on the thread of the first violation; the hooks are then handed straight to it. If it
     * cannot be built, it never will be: the line says why, and each violation is counted as lost.
     */
    private static FailureHandler pipeline(AgentConfig config, AgentMetrics metrics, StartingPipeline starting,
                                           RecentViolations recent, EventFile events, ThreadGroup agentThreads) {
        FailureHandler built;
        try {
            ApplicationContext context = new ApplicationContext(config.traces());
            built = new ViolationPipeline(
                    new ReportAssembler(new ValueRenderer(config.valuesMaxLength(), config.sqlMaxLength()),
                            new Redactor(config.redactPattern()), config.captureParameters(),
                            new CatalogLookup(CaptureHooks::unobserved)),
                    sinks(metrics, context, recent, openLog(config, starting, agentThreads), events), metrics,
                    context);
        } catch (Throwable failure) {
            AgentStart.printLine(IntegrityAgent.NAME + ": could not start (" + failure
                    + "); the application runs without it");
            built = lost -> metrics.countInternalError("start");
        }
        CaptureHooks.handOver(starting, built);
        return built;
    }

    /**
     * The outputs of every report, each named by the stage its failures are counted under.
     *
     * @param recent the live page's store, {@code null} when the page is not served
     * @param log    the log, {@code null} when it is off
     * @param events the events file, {@code null} when none is written
     */
    private static List<ReportSink> sinks(AgentMetrics metrics, ApplicationContext context, RecentViolations recent,
                                          ViolationLog log, EventFile events) {
        List<ReportSink> sinks = new ArrayList<>();
        sinks.add(new ReportSink("metrics", (report, correlation) -> metrics.countViolation(report)));
        if (log != null) {
            sinks.add(new ReportSink("log", (report, correlation) -> log.log(report)));
        }
        if (events != null) {
            sinks.add(new ReportSink("events", (report, correlation) -> events.write(report)));
        }
        sinks.add(new ReportSink("traces", (report, correlation) -> context.addSpanEvent(correlation, report)));
        if (recent != null) {
            sinks.add(new ReportSink("ui", (report, correlation) -> recent.record(report)));
        }
        return sinks;
    }

    private static ViolationLog openLog(AgentConfig config, StartingPipeline starting, ThreadGroup agentThreads) {
        if (config.logFormat() == LogFormat.OFF) {
            return null;
        }
        ViolationLog log = new ViolationLog(config.logFormat(), config.logSummaryInterval(),
                new ApplicationLogSinks(), config.logQuiet(), agentThreads);
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
