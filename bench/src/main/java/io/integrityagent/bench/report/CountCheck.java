package io.integrityagent.bench.report;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one fork under the agent wrote after comparing the agent's counts with the violations it caught
 * ({@code AgentCounts}): per kind, caught and counted; the agent's own errors by stage. The file is named after
 * its fork, {@code r<round>-<jdk>-<scenario>-<configuration>.counts.tsv}.
 */
record CountCheck(Scenario scenario, Configuration configuration, Map<String, long[]> kinds,
                  Map<String, Long> errors) {

    static CountCheck read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String fork = name.substring(0, name.length() - ForkResult.COUNTS_SUFFIX.length());
        // The longest ids that end the name: "pool-insert" before "insert", "integrity-log-off" before "integrity".
        Configuration configuration = Arrays.stream(Configuration.values()).filter(c -> fork.endsWith("-" + c.id()))
                .max(Comparator.comparingInt(c -> c.id().length())).orElse(null);
        String rest = configuration == null ? fork : fork.substring(0, fork.length() - configuration.id().length() - 1);
        Scenario scenario = Arrays.stream(Scenario.values()).filter(s -> rest.endsWith("-" + s.id()))
                .max(Comparator.comparingInt(s -> s.id().length())).orElse(null);
        Map<String, long[]> kinds = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields[0].equals("violations") && fields.length == 4) {
                kinds.put(fields[1], new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])});
            } else if (fields[0].equals("errors") && fields.length == 3) {
                errors.put(fields[1], Long.parseLong(fields[2]));
            }
        }
        return new CountCheck(scenario, configuration, kinds, errors);
    }

    boolean exact() {
        return errors.isEmpty() && !kinds.isEmpty() && kinds.values().stream().allMatch(c -> c[0] == c[1]);
    }

    long caught() {
        return kinds.values().stream().mapToLong(c -> c[0]).sum();
    }
}
