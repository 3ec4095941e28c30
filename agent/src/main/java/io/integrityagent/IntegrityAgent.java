package io.integrityagent;

import io.integrityagent.instrumentation.JdbcInstrumentation;
import java.lang.instrument.Instrumentation;
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
     * Returns at once, like premain: retransforming the classes already loaded takes a moment, and holding the
     * JVM's attach listener that long made attachers give up ("Premature EOF").
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /** The jar's command line: attaches the agent to a running JVM, or prints its version or usage. */
    public static void main(String[] args) throws Exception {
        System.exit(AttachCommand.run(args, System.out, System.err));
    }

    /**
     * Adds the transformer before any class of the application loads, and does the rest ({@link AgentStart}) on
     * a thread of its own, beside the application's start: a JDBC class that loads meanwhile waits in the
     * transformer until the hooks are in place. This class names as few of the agent's classes as it can, as
     * the JVM loads every class it names to verify it, on the application's main thread.
     */
    private static void start(String arguments, Instrumentation instrumentation) {
        if (!STARTED.compareAndSet(false, true)) {
            System.err.println(NAME + ": already active in this JVM; ignoring the second start");
            return;
        }
        JdbcInstrumentation jdbc = null;
        StartingPipeline pipeline = new StartingPipeline();
        try {
            jdbc = JdbcInstrumentation.register(instrumentation);
            Runtime.getRuntime().addShutdownHook(pipeline.exitHook());
            Thread starter = new Thread(new Start(arguments, instrumentation, jdbc, pipeline), "integrity-agent-start");
            starter.setDaemon(true);
            starter.start();
        } catch (Throwable failure) {
            AgentStart.printLine(NAME + ": could not start (" + failure + "); the application runs without it");
            if (jdbc != null) {
                AgentStart.stop(jdbc, pipeline); // else JDBC classes would wait for a start that never comes
            }
        }
    }

    /**
     * The start thread's work. A class, not a lambda: the JVM's first lambda costs it milliseconds to set up,
     * which need not be spent here, on the application's main thread.
     */
    private static final class Start implements Runnable {
        private final String arguments;
        private final Instrumentation instrumentation;
        private final JdbcInstrumentation jdbc;
        private final StartingPipeline pipeline;

        Start(String arguments, Instrumentation instrumentation, JdbcInstrumentation jdbc,
              StartingPipeline pipeline) {
            this.arguments = arguments;
            this.instrumentation = instrumentation;
            this.jdbc = jdbc;
            this.pipeline = pipeline;
        }

        @Override
        public void run() {
            AgentStart.start(arguments, instrumentation, jdbc, pipeline);
        }
    }

    /** The jar's Implementation-Version; classes outside the jar (unit tests) are a development build. */
    static String version() {
        String version = IntegrityAgent.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
