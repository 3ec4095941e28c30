package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Command lines for JVMs of the comparison: a JDK, one configuration's options, the benchmarks jar. */
final class Jvm {

    private static final String QUIET_SLF4J = "-Dslf4j.internal.verbosity=ERROR";

    /**
     * Every benchmark JVM gets the same fixed heap, so no configuration pays for heap resizing the others skip.
     * HikariCP brings SLF4J without a provider; its three-line warning about that would only clutter the output.
     */
    static final List<String> BENCHMARK_OPTIONS = List.of("-Xms1g", "-Xmx1g", QUIET_SLF4J);

    private Jvm() {
    }

    static List<String> configurationArgs(RunSettings settings, Configuration configuration) {
        return configuration.jvmArgs(settings.integrityAgentJar, settings.openTelemetryAgentJar);
    }

    /** {@code java <configuration's options> <extra options> -cp benchmarks.jar <main>}, on {@code jdk}. */
    static List<String> command(RunSettings settings, Jdk jdk, Configuration configuration,
                                List<String> extraOptions, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(configurationArgs(settings, configuration));
        command.add(QUIET_SLF4J);
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(settings.benchmarksJar.toString());
        command.add(main.getName());
        return command;
    }

    /**
     * A port free at this moment, for the agent's metrics endpoint in a JVM about to start (the agent prints the
     * port it bound only on stderr, which a benchmark JVM cannot read back).
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
