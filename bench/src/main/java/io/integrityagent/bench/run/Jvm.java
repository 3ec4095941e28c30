package io.integrityagent.bench.run;

import io.integrityagent.bench.Configuration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for JVMs of the comparison: this JDK, one configuration's options, the benchmarks jar. */
final class Jvm {

    /** Every benchmark JVM gets the same fixed heap, so no configuration pays for heap resizing the others skip. */
    static final List<String> BENCHMARK_HEAP = List.of("-Xms1g", "-Xmx1g");

    private Jvm() {
    }

    static List<String> configurationArgs(RunSettings settings, Configuration configuration) {
        return configuration.jvmArgs(settings.integrityAgentJar, settings.openTelemetryAgentJar);
    }

    /** {@code java <configuration's options> <extra options> -cp benchmarks.jar <main>}. */
    static List<String> command(RunSettings settings, Configuration configuration, List<String> extraOptions,
                                Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(configurationArgs(settings, configuration));
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(settings.benchmarksJar.toString());
        command.add(main.getName());
        return command;
    }
}
