package io.integrityagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the agent wrote to stderr (its log sink when the application has no SLF4J provider), read as a reader would. */
final class AgentLog {

    static final String PREFIX = "WARN integrity - ";
    /** Every way a terminal, an editor or a log shipper may break a line: not only \n and \r. */
    static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u000b\f\u0085\u2028\u2029]");
    private static final Pattern REPEATED = Pattern.compile(" was violated (\\d+) more times? ");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentLog() {
    }

    static List<String> lines(String text) {
        return LINE_BREAK.splitAsStream(text).collect(Collectors.toList());
    }

    /**
     * How many violations the log accounts for with {@code log.format=text}: one per full explanation plus the
     * counts of the summaries.
     */
    static long violationsInTextLog(String stderr) {
        long total = 0;
        for (String line : stderr.lines().collect(Collectors.toList())) {
            if (line.startsWith(PREFIX + "Integrity violation: ")) {
                total++;
            } else if (line.startsWith(PREFIX + "Integrity violation repeated: ")) {
                Matcher count = REPEATED.matcher(line);
                if (!count.find()) {
                    throw new AssertionError("a summary without its count: " + line);
                }
                total += Long.parseLong(count.group(1));
            }
        }
        return total;
    }

    /** The same with {@code log.format=json}: each event counts one, each summary object its {@code count}. */
    static long violationsInJsonLog(String stderr) {
        long total = 0;
        for (String line : stderr.lines().collect(Collectors.toList())) {
            if (line.startsWith(PREFIX + "{")) {
                JsonNode entry = json(line.substring(PREFIX.length()));
                total += entry.has("summary") ? entry.get("count").asLong() : 1;
            }
        }
        return total;
    }

    /** The summary lines of the log, in either format. */
    static List<String> summaries(String stderr) {
        return stderr.lines().filter(line -> line.startsWith(PREFIX + "Integrity violation repeated: ")
                || line.startsWith(PREFIX + "{") && line.contains("\"summary\":\"repeated\""))
                .collect(Collectors.toList());
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }

    /** The sum of the {@code db_integrity_violations_total} series in a Prometheus scrape. */
    static long violationsCounted(String scrape) {
        return (long) scrape.lines().filter(line -> line.startsWith("db_integrity_violations_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The value of {@code integrity_agent_errors_total{stage="…"}} in a scrape, 0 when there is none. */
    static long agentErrors(String scrape, String stage) {
        String series = "integrity_agent_errors_total{stage=\"" + stage + "\"} ";
        return (long) scrape.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).sum();
    }
}
