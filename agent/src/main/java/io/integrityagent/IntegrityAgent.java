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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Start-up: {@code -javaagent:integrity-agent.jar[=key=value,…]} (premain), attaching to a running JVM
 * (agentmain), and the command line that attaches ({@code java -jar integrity-agent.jar PID [settings]}).
 * Nothing here may stop the application from starting: every failure becomes one line on stderr.
 */
public final class IntegrityAgent {

    static final String NAME = "Integrity Agent";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private IntegrityAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /**
     * Returns at once and installs on a thread of its own: retransforming the classes already loaded takes a
     * moment, and holding the JVM's attach listener that long made attachers give up ("Premature EOF").
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        Thread installer = new Thread(() -> start(arguments, instrumentation), "integrity-agent-attach");
        installer.setDaemon(true);
        installer.start();
    }

    /** The jar's command line: attaches the agent to a running JVM, or prints its version or usage. */
    public static void main(String[] args) throws Exception {
        System.exit(AttachCommand.run(args, System.out, System.err));
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        if (!STARTED.compareAndSet(false, true)) {
            System.err.println(NAME + ": already active in this JVM; ignoring the second start");
            return;
        }
        try {
            AgentConfig config = AgentConfig.fromEnvironment(arguments);
            config.warnings().forEach(IntegrityAgent::printLine);
            if (!config.enabled()) {
                System.err.println(NAME + ": disabled by configuration (enabled=false)");
                return;
            }
            BootstrapClasses.install(instrumentation);
            AgentMetrics metrics = new AgentMetrics();
            StartingPipeline pipeline = new StartingPipeline(() -> metrics.countInternalError("start"));
            CaptureHooks.install(pipeline, config.captureParameters(), () -> metrics.countInternalError("hooks"));
            JdbcInstrumentation.install(instrumentation, () -> metrics.countInternalError("instrumentation"));
            if (config.applicationMetrics()) {
                ApplicationMetrics.watch(instrumentation, metrics);
            }
            Thread outputs = new Thread(() -> startOutputs(config, metrics, pipeline), "integrity-agent-start");
            outputs.setDaemon(true);
            outputs.start();
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::exit, "integrity-agent-exit"));
        } catch (Throwable failure) {
            printLine(NAME + ": could not start (" + failure + "); the application runs without it");
        }
    }

    /**
     * Builds the pipeline and starts the outputs, on a thread of their own: they load most of the agent's
     * classes, and the application need not wait for that to run its first query.
     */
    private static void startOutputs(AgentConfig config, AgentMetrics metrics, StartingPipeline starting) {
        FailureHandler started = FailureHandler.NONE;
        try {
            List<String> outputs = new ArrayList<>();
            // Started before the sinks exist, so that the live page's store is kept only when it is served.
            List<String> served = new ArrayList<>();
            RecentViolations recent = EndpointStart.start(config, metrics, IntegrityAgent::printLine, served).recent();
            ApplicationContext context = new ApplicationContext(config.traces());
            started = new ViolationPipeline(
                    new ReportAssembler(new ValueRenderer(config.valuesMaxLength(), config.sqlMaxLength()),
                            new Redactor(config.redactPattern()), config.captureParameters(),
                            new CatalogLookup(CaptureHooks::unobserved)),
                    sinks(config, metrics, context, recent, starting, outputs), metrics, context);
            outputs.addAll(served);
            startOtlp(config, metrics, outputs);
            printLine(NAME + " " + version() + ": explaining integrity violations sent through JDBC"
                    + (outputs.isEmpty() ? "" : "; " + String.join("; ", outputs)));
        } catch (Throwable failure) {
            printLine(NAME + ": could not start (" + failure + "); the application runs without it");
        } finally {
            starting.started(started);
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
        EventFile events = new EventFile(config.eventsFile(), IntegrityAgent::printLine);
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
            printLine(NAME + ": cannot push metrics over OTLP to " + config.otlpEndpoint() + " (" + e
                    + "); continuing without OTLP");
        }
    }

    /** One line on stderr, whatever a setting, a path or an exception message holds. */
    private static void printLine(String line) {
        System.err.println(Escaping.text(line));
    }

    /** The jar's Implementation-Version; classes outside the jar (unit tests) are a development build. */
    static String version() {
        String version = IntegrityAgent.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
