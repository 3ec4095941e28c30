package io.integrityagent;

import java.io.File;
import java.io.PrintStream;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent jar's command line: {@code java -jar integrity-agent.jar PID [settings]} attaches the agent to a running
 * JVM; {@code --version} and {@code --help} answer and exit 0; anything else prints the usage and exits 2.
 */
final class AttachCommand {

    static final int OK = 0;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: java -jar integrity-agent.jar PID [key=value,key=value...]",
            "       java -jar integrity-agent.jar --version | --help",
            "",
            "Attaches " + IntegrityAgent.NAME + " to the running JVM with process id PID; the agent prints its",
            "start-up line on that process's stderr once installed. To start a JVM with it instead:",
            "  java -javaagent:integrity-agent.jar[=key=value,...] ...",
            "Settings are key=value pairs (events.file=/var/log/integrity.jsonl,prometheus.port=9464), or",
            "-Dintegrity.<key>=... properties, or INTEGRITY_<KEY> variables; the README's \"Configuration\"",
            "section lists them all.");

    private AttachCommand() {
    }

    /** Runs the command and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 1 && args[0].equals("--version")) {
            out.println(IntegrityAgent.NAME + " " + IntegrityAgent.version());
            return OK;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d+")) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        File agentJar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ByteBuddyAgent.attach(agentJar, args[0], args.length == 2 ? args[1] : null);
        out.println(IntegrityAgent.NAME + " attached to process " + args[0]
                + "; it prints its start-up line on that process's stderr once installed.");
        return OK;
    }
}
