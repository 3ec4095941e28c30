package io.integrityagent;

import io.integrityagent.config.AgentConfig;
import io.integrityagent.instrumentation.BootstrapClasses;
import io.integrityagent.instrumentation.CaptureHooks;
import io.integrityagent.instrumentation.FailureHandler;
import io.integrityagent.instrumentation.JdbcInstrumentation;
import io.integrityagent.output.AgentMetrics;
import io.integrityagent.util.Escaping;
import java.lang.instrument.Instrumentation;

/**
 * The agent's start, on its own thread beside the application's (see {@link IntegrityAgent}): settings, the
 * bootstrap hooks and the JDBC classes' instrumentation, for which the application's first JDBC class may be
 * waiting, then the outputs ({@link OutputsStart}, a class of its own so that the JVM loads what it names only
 * then; it leaves the pipeline to the first violation). Nothing here may stop the application from starting:
 * every failure becomes one line on stderr.
 */
final class AgentStart {

    private AgentStart() {
    }

    static void start(String arguments, Instrumentation instrumentation, JdbcInstrumentation jdbc,
                      StartingPipeline pipeline) {
        AgentConfig config;
        AgentMetrics metrics;
        try {
            config = AgentConfig.fromEnvironment(arguments);
            config.warnings().forEach(AgentStart::printLine);
            if (!config.enabled()) {
                System.err.println(IntegrityAgent.NAME + ": disabled by configuration (enabled=false)");
                stop(jdbc, pipeline);
                return;
            }
            BootstrapClasses.install(instrumentation);
            metrics = new AgentMetrics();
            pipeline.countLostWith(() -> metrics.countInternalError("start"));
            CaptureHooks.install(pipeline, config.captureParameters(), () -> metrics.countInternalError("hooks"));
            jdbc.hooksInstalled(() -> metrics.countInternalError("instrumentation"));
        } catch (Throwable failure) {
            printLine(IntegrityAgent.NAME + ": could not start (" + failure + "); the application runs without it");
            stop(jdbc, pipeline);
            return;
        }
        OutputsStart.start(config, metrics, pipeline, instrumentation);
    }

    /** After saying why: an application that exits at once waits for the start, and so for the line. */
    static void stop(JdbcInstrumentation jdbc, StartingPipeline pipeline) {
        jdbc.abandon();
        pipeline.started(FailureHandler.NONE);
    }

    /** One line on stderr, whatever a setting, a path or an exception message holds. */
    static void printLine(String line) {
        System.err.println(Escaping.text(line));
    }
}
