package io.integrityagent.bench.report;

import io.integrityagent.bench.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The start-up part of the table, from {@code startup.tsv}: one line per process run, configuration and millis. */
final class StartupTimes {

    private StartupTimes() {
    }

    static void render(Path file, StringBuilder out) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<Configuration, List<Long>> runs = new EnumMap<>(Configuration.class);
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            runs.computeIfAbsent(Configuration.byId(fields[0]), c -> new ArrayList<>())
                    .add(Long.parseLong(fields[1]));
        }
        if (runs.isEmpty()) {
            return;
        }
        int count = runs.values().iterator().next().size();
        out.append(String.format("%nJVM start to first completed query: median of %d process run(s), min-max%n",
                count));
        runs.forEach((configuration, millis) -> {
            millis.sort(null);
            out.append(String.format(Locale.ROOT, "  %-40s %6.2f s   (%.2f-%.2f)%n", configuration.label(),
                    median(millis) / 1000.0, millis.get(0) / 1000.0, millis.get(millis.size() - 1) / 1000.0));
        });
    }

    private static double median(List<Long> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
