package io.integrityagent.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a test application in a JVM of its own, with or without the packaged agent jar, the way a user would:
 * {@code java -javaagent:agent/target/integrity-agent.jar=… -cp app.jar Main}. The application's class path
 * holds the test classes and only the libraries named, never the agent's classes.
 */
final class AgentProcess {

    static final Path AGENT_JAR = Paths.get(System.getProperty("it.agentJar", "target/integrity-agent.jar"));
    /** Where the build puts older driver releases, each under its own file name (see agent/pom.xml). */
    static final Path OLDER_DRIVERS = Paths.get(System.getProperty("it.olderDrivers", "target/older-drivers"));
    private static final Path TEST_CLASSES = Paths.get(System.getProperty("it.testClasses",
            "target/test-classes"));
    /** The JDK the applications run on: {@code it.javaHome} (the build runs the suite on each JDK it tests). */
    static final Path JAVA_HOME = Paths.get(System.getProperty("it.javaHome",
            System.getProperty("java.home")));

    private final List<String> libraries = new ArrayList<>();
    private final List<Path> jars = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String agentArguments;
    private boolean withAgent = true;

    static AgentProcess app() {
        return new AgentProcess();
    }

    /** Adds the test class path's jars whose file names start with {@code artifactId-}. */
    AgentProcess libraries(String... artifactIds) {
        libraries.addAll(Arrays.asList(artifactIds));
        return this;
    }

    /** Adds jars that are not on the test class path, such as older releases of a driver. */
    AgentProcess jars(List<Path> files) {
        jars.addAll(files);
        return this;
    }

    AgentProcess agentArguments(String arguments) {
        this.agentArguments = arguments;
        return this;
    }

    AgentProcess withoutAgent() {
        this.withAgent = false;
        return this;
    }

    AgentProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Has the application save the agent's metrics scrape into {@code file} before it exits. */
    AgentProcess scrapeMetricsInto(int port, Path file) {
        jvmOptions.add("-Dit.metricsUrl=http://127.0.0.1:" + port + "/metrics");
        jvmOptions.add("-Dit.metricsFile=" + file);
        return this;
    }

    /** A port that was free a moment ago, for the agent's metrics endpoint. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Result run(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        if (withAgent) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath()
                    + (agentArguments == null ? "" : "=" + agentArguments));
        }
        command.add("-cp");
        command.add(classPath(libraries) + jars.stream().map(jar -> File.pathSeparator + jar.toAbsolutePath())
                .collect(Collectors.joining()));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        Path stdout = Files.createTempFile("app-stdout", ".txt");
        Path stderr = Files.createTempFile("app-stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not finish within 120 s: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }

    /** The {@code java} launcher of the JDK the applications under test run on. */
    static String java() {
        Path java = JAVA_HOME.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new AssertionError("it.javaHome has no bin/java: " + JAVA_HOME);
        }
        return java.toString();
    }

    /** The test classes plus the test class path's jars of the given artifacts: an application's class path. */
    static String classPath(List<String> artifactIds) {
        List<String> entries = new ArrayList<>();
        entries.add(TEST_CLASSES.toAbsolutePath().toString());
        for (String artifactId : artifactIds) {
            entries.add(jarOf(artifactId).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The test class path's jar of the artifact {@code artifactId}. */
    static Path jarOf(String artifactId) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Paths::get)
                .filter(entry -> entry.getFileName().toString().startsWith(artifactId + "-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(artifactId + " is not on the test class path"));
    }

    /** The directory of the compiled test classes, from which the test applications run. */
    static Path testClasses() {
        return TEST_CLASSES;
    }

    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        List<String> stderrLines() {
            return stderr.lines().collect(Collectors.toList());
        }

        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }
}
