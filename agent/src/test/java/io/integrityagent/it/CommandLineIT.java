package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.StartsAndExits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** {@code java -jar integrity-agent.jar …}: the version, the usage, and the exit codes scripts rely on. */
class CommandLineIT {

    @Test
    void versionPrintsTheJarsImplementationVersionAndExitsZero() throws Exception {
        Command version = Command.run("--version");
        assertEquals(0, version.exitCode, version.output);
        assertEquals("Integrity Agent " + implementationVersion(), version.output.strip());
    }

    @Test
    void helpPrintsTheUsageOfTheAttachCommandAndWhereTheSettingsAreAndExitsZero() throws Exception {
        Command help = Command.run("--help");
        assertEquals(0, help.exitCode, help.output);
        assertTrue(help.output.startsWith("usage: java -jar integrity-agent.jar PID [key=value,key=value...]"),
                help.output);
        assertTrue(help.output.contains("-javaagent:integrity-agent.jar"), help.output);
        assertTrue(help.output.contains("INTEGRITY_<KEY>"), help.output);
        assertTrue(help.output.contains("README's \"Configuration\""), help.output);
    }

    @Test
    void aBadArgumentPrintsTheUsageAndExitsTwo() throws Exception {
        for (List<String> bad : List.of(List.<String>of(), List.of("--verison"), List.of("not-a-pid"),
                List.of("123", "a=b", "extra"))) {
            Command run = Command.run(bad.toArray(new String[0]));
            assertEquals(2, run.exitCode, bad + ": " + run.output);
            assertTrue(run.output.startsWith("usage: java -jar integrity-agent.jar PID"), bad + ": " + run.output);
        }
    }

    @Test
    void theStartUpLineNamesTheJarsVersion() throws Exception {
        AgentProcess.Result run = AgentProcess.app().run(StartsAndExits.class).assertSucceeded();
        assertEquals(List.of("Integrity Agent " + implementationVersion()
                + ": explaining integrity violations sent through JDBC"), run.stderrLines());
    }

    private static String implementationVersion() throws IOException {
        try (JarFile jar = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            assertTrue(version != null && !version.isBlank(), "the manifest names no Implementation-Version");
            return version;
        }
    }

    /** One run of the jar's command line, stdout and stderr together. */
    private static final class Command {
        final int exitCode;
        final String output;

        private Command(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        static Command run(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(AgentProcess.java(), "-jar",
                    AgentProcess.AGENT_JAR.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "no exit within 60 s: " + command);
            return new Command(process.exitValue(), output);
        }
    }
}
