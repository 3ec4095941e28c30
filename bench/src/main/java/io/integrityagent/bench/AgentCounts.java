package io.integrityagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After a trial under the Integrity Agent: the agent must have counted exactly the violations the benchmark
 * caught, kind by kind, and failed nowhere itself. Its counts are read where a user reads them, its Prometheus
 * endpoint, on the port the runner gave it ({@value #PORT_PROPERTY}). A difference fails the fork, and so the run.
 * What was compared is written to {@value #FILE_PROPERTY} for the goals table.
 */
public final class AgentCounts {

    public static final String PORT_PROPERTY = "integrity.prometheus.port";
    public static final String FILE_PROPERTY = "bench.counts.file";

    private static final Pattern VIOLATIONS = Pattern.compile(
            "^db_integrity_violations_total\\{.*constraint_kind=\"([^\"]*)\".*\\}\\s+(\\S+)");
    private static final Pattern ERRORS = Pattern.compile(
            "^integrity_agent_errors_total\\{.*stage=\"([^\"]*)\".*\\}\\s+(\\S+)");
    /** Long enough for counting that an agent might do off the application's thread to catch up. */
    private static final long SETTLE_MILLIS = 10_000;

    private AgentCounts() {
    }

    /**
     * @param caught the violations the benchmark caught, by the agent's kind label ({@code unique},
     *               {@code foreign_key}, {@code not_null}, {@code check})
     */
    public static void verify(Configuration configuration, Map<String, Long> caught)
            throws IOException, InterruptedException {
        if (!configuration.usesIntegrityAgent()) {
            return;
        }
        Integer port = Integer.getInteger(PORT_PROPERTY);
        if (port == null) {
            throw new IllegalStateException("no -D" + PORT_PROPERTY + ": the agent's counts cannot be checked");
        }
        Scrape scrape = settled(port, caught);
        List<String> lines = new ArrayList<>();
        new TreeMap<>(caught).forEach((kind, count) -> lines.add("violations\t" + kind + "\t" + count + "\t"
                + scrape.violations.getOrDefault(kind, 0L)));
        scrape.violations.keySet().stream().filter(kind -> !caught.containsKey(kind))
                .forEach(kind -> lines.add("violations\t" + kind + "\t0\t" + scrape.violations.get(kind)));
        scrape.errors.forEach((stage, count) -> lines.add("errors\t" + stage + "\t" + count));
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null) {
            Files.write(Path.of(file), lines, StandardCharsets.UTF_8);
        }
        if (!scrape.violations.equals(caught) || !scrape.errors.isEmpty()) {
            throw new IllegalStateException("the Integrity Agent's counts are not exact (kind, caught, counted;"
                    + " its own errors by stage):\n" + String.join("\n", lines));
        }
    }

    /** The agent's counts once they equal {@code caught} or exceed it, or after {@value #SETTLE_MILLIS} ms. */
    private static Scrape settled(int port, Map<String, Long> caught) throws IOException, InterruptedException {
        Scrape scrape = Scrape.of(port);
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (!scrape.violations.equals(caught) && !scrape.countedMoreThan(caught)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            scrape = Scrape.of(port);
        }
        return scrape;
    }

    private static final class Scrape {
        final Map<String, Long> violations = new TreeMap<>();
        final Map<String, Long> errors = new TreeMap<>();

        static Scrape of(int port) throws IOException {
            URL metrics = URI.create("http://127.0.0.1:" + port + "/metrics").toURL();
            HttpURLConnection connection = (HttpURLConnection) metrics.openConnection();
            String text;
            try (InputStream body = connection.getInputStream()) {
                text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
            Scrape scrape = new Scrape();
            text.lines().forEach(line -> {
                add(VIOLATIONS.matcher(line), scrape.violations);
                add(ERRORS.matcher(line), scrape.errors);
            });
            scrape.errors.values().removeIf(count -> count == 0);
            return scrape;
        }

        private static void add(Matcher line, Map<String, Long> sums) {
            if (line.find()) {
                sums.merge(line.group(1), Math.round(Double.parseDouble(line.group(2))), Long::sum);
            }
        }

        boolean countedMoreThan(Map<String, Long> caught) {
            return violations.entrySet().stream().anyMatch(e -> e.getValue() > caught.getOrDefault(e.getKey(), 0L));
        }
    }
}
