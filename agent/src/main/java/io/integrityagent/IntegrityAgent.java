package io.integrityagent;

import io.integrityagent.config.AgentConfig;
import io.integrityagent.config.LogFormat;
import io.integrityagent.context.ApplicationContext;
import io.integrityagent.instrumentation.JdbcHooks;
import io.integrityagent.instrumentation.JdbcInstrumentation;
import io.integrityagent.output.AgentMetrics;
import io.integrityagent.output.ApplicationLogSinks;
import io.integrityagent.output.EventFile;
import io.integrityagent.output.OtlpMetrics;
import io.integrityagent.output.PrometheusEndpoint;
import io.integrityagent.output.ViolationLog;
import io.integrityagent.report.Redactor;
import io.integrityagent.report.ReportAssembler;
import io.integrityagent.report.ValueRenderer;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Start-up: {@code -javaagent:integrity-agent.jar[=key=value,…]} (premain), attaching to a running JVM
 * (agentmain), and the command line that attaches ({@code java -jar integrity-agent.jar PID [settings]}).
 * Nothing here may stop the application from starting: every failure becomes one line on stderr.
 */
public final class IntegrityAgent {

    private static final String NAME = "Integrity Agent";
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

    /** Attaches the agent to the JVM with the given process id. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d+")) {
            System.err.println("usage: java -jar integrity-agent.jar PID [key=value,key=value…]");
            System.exit(2);
        }
        File agentJar = new File(IntegrityAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ByteBuddyAgent.attach(agentJar, args[0], args.length == 2 ? args[1] : null);
        System.out.println(NAME + " attached to process " + args[0]
                + "; it prints its start-up line on that process's stderr once installed.");
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        if (!STARTED.compareAndSet(false, true)) {
            System.err.println(NAME + ": already active in this JVM; ignoring the second start");
            return;
        }
        try {
            AgentConfig config = AgentConfig.fromEnvironment(arguments);
            config.warnings().forEach(System.err::println);
            if (!config.enabled()) {
                System.err.println(NAME + ": disabled by configuration (enabled=false)");
                return;
            }
            List<String> outputs = new ArrayList<>();
            AgentMetrics metrics = new AgentMetrics();
            ViolationPipeline pipeline = new ViolationPipeline(
                    new ReportAssembler(new ValueRenderer(config.valuesMaxLength()),
                            new Redactor(config.redactPattern()), config.captureParameters()),
                    openLog(config, outputs), openEvents(config, outputs), metrics,
                    new ApplicationContext(config.traces()));
            JdbcHooks.install(pipeline, config.captureParameters(), () -> metrics.countInternalError("hooks"));
            startMetricsEndpoint(config, metrics, outputs);
            startOtlp(config, metrics, outputs);
            JdbcInstrumentation.install(instrumentation, new ErrorCounter(metrics));
            System.err.println(NAME + " " + version() + ": explaining integrity violations sent through JDBC"
                    + (outputs.isEmpty() ? "" : "; " + String.join("; ", outputs)));
        } catch (Throwable failure) {
            System.err.println(NAME + ": could not start (" + failure + "); the application runs without it");
        }
    }

    private static ViolationLog openLog(AgentConfig config, List<String> outputs) {
        if (config.logFormat() == LogFormat.OFF) {
            outputs.add("log off");
            return null;
        }
        return new ViolationLog(config.logFormat(), config.logSummaryInterval(), new ApplicationLogSinks());
    }

    private static EventFile openEvents(AgentConfig config, List<String> outputs) {
        if (config.eventsFile() == null) {
            return null;
        }
        try {
            EventFile events = new EventFile(config.eventsFile());
            outputs.add("events to " + config.eventsFile());
            return events;
        } catch (Exception e) {
            System.err.println(NAME + ": cannot write events to " + config.eventsFile() + " (" + e + ");"
                    + " continuing without events");
            return null;
        }
    }

    private static void startMetricsEndpoint(AgentConfig config, AgentMetrics metrics, List<String> outputs) {
        if (config.prometheusPort() == null) {
            return;
        }
        try {
            PrometheusEndpoint endpoint = PrometheusEndpoint.start(config.prometheusHost(),
                    config.prometheusPort(), metrics::scrape);
            outputs.add("metrics at " + endpoint.url());
        } catch (Exception e) {
            System.err.println(NAME + ": cannot serve metrics on " + config.prometheusHost() + ":"
                    + config.prometheusPort() + " (" + e + "); continuing without the endpoint");
        }
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
            System.err.println(NAME + ": cannot push metrics over OTLP to " + config.otlpEndpoint() + " (" + e
                    + "); continuing without OTLP");
        }
    }

    private static String version() {
        String version = IntegrityAgent.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /** A class the agent could not instrument is left as it was, and counted. */
    private static final class ErrorCounter extends AgentBuilder.Listener.Adapter {
        private final AgentMetrics metrics;

        ErrorCounter(AgentMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable error) {
            metrics.countInternalError("instrumentation");
        }
    }
}
