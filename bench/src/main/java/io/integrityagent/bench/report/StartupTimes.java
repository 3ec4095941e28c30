package io.integrityagent.bench.report;

import io.integrityagent.bench.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The start-up part of a run, from {@code startup.tsv}: one line per process run — JDK, configuration, millis
 * from JVM launch to the first completed query, and the process's peak resident memory (KiB) after it.
 */
final class StartupTimes {

    private final Map<String, Map<Configuration, List<long[]>>> runs = new LinkedHashMap<>();

    static StartupTimes load(Path file) throws IOException {
        StartupTimes times = new StartupTimes();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t");
                times.runs.computeIfAbsent(fields[0], jdk -> new EnumMap<>(Configuration.class))
                        .computeIfAbsent(Configuration.byId(fields[1]), c -> new ArrayList<>())
                        .add(new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])});
            }
        }
        return times;
    }

    List<String> jdks() {
        return new ArrayList<>(runs.keySet());
    }

    /** The median millis to the first query, or empty when not measured. */
    OptionalDouble millis(String jdk, Configuration configuration) {
        return median(jdk, configuration, 0);
    }

    /**
     * The median over process runs of {@code configuration}'s millis minus {@code baseline}'s in the same round,
     * or empty when not measured. The configurations run back to back in each round, so the difference cancels
     * what slows the machine for a while (tens of ms on a shared host), which a difference of medians keeps.
     */
    OptionalDouble pairedAddedMillis(String jdk, Configuration configuration, Configuration baseline) {
        Map<Configuration, List<long[]>> byConfiguration = runs.getOrDefault(jdk, Map.of());
        List<long[]> measured = byConfiguration.get(configuration);
        List<long[]> base = byConfiguration.get(baseline);
        if (measured == null || base == null || measured.isEmpty() || measured.size() != base.size()) {
            return OptionalDouble.empty();
        }
        List<Long> added = new ArrayList<>();
        for (int round = 0; round < measured.size(); round++) {
            added.add(measured.get(round)[0] - base.get(round)[0]);
        }
        return median(added);
    }

    /** The median peak resident memory in MiB, or empty when not measured. */
    OptionalDouble peakRssMib(String jdk, Configuration configuration) {
        OptionalDouble kib = median(jdk, configuration, 1);
        return kib.isPresent() && kib.getAsDouble() >= 0 ? OptionalDouble.of(kib.getAsDouble() / 1024)
                : OptionalDouble.empty();
    }

    private OptionalDouble median(String jdk, Configuration configuration, int field) {
        List<long[]> measured = runs.getOrDefault(jdk, Map.of()).get(configuration);
        if (measured == null || measured.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Long> values = new ArrayList<>();
        measured.forEach(run -> values.add(run[field]));
        return median(values);
    }

    private static OptionalDouble median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return OptionalDouble.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0);
    }

    void render(StringBuilder out) {
        runs.forEach((jdk, byConfiguration) -> {
            int count = byConfiguration.values().iterator().next().size();
            out.append(String.format("%nJVM start to first completed query, JDK %s: median of %d process run(s)"
                    + " (min-max); peak resident memory (VmHWM) after it%n", jdk, count));
            byConfiguration.forEach((configuration, measured) -> {
                List<Long> millis = new ArrayList<>();
                measured.forEach(run -> millis.add(run[0]));
                millis.sort(null);
                out.append(String.format(Locale.ROOT, "  %-40s %6.2f s   (%.2f-%.2f)   %6.1f MiB%n",
                        configuration.label(), millis(jdk, configuration).getAsDouble() / 1000.0,
                        millis.get(0) / 1000.0, millis.get(millis.size() - 1) / 1000.0,
                        peakRssMib(jdk, configuration).orElse(Double.NaN)));
            });
        });
    }
}
