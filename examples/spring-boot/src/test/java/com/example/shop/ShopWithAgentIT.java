package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shop's fat jar, run as a user would: once as it is, once with {@code -javaagent:} the packaged agent. The
 * same requests get the same answers; with the agent, each refused write is explained in Spring Boot's own log
 * format, and {@code /actuator/prometheus} counts exactly the violations the agent recorded as events.
 */
class ShopWithAgentIT {

    private static final Path AGENT_JAR = Path.of(System.getProperty("it.agentJar",
            "../../agent/target/integrity-agent.jar"));
    private static final Path APP_JAR = Path.of(System.getProperty("it.appJar", "target/spring-boot-example.jar"));

    /** One accepted sign-up and order, and a refused write of each kind, through JPA and through JdbcTemplate. */
    private static final List<String> REQUESTS = List.of(
            "/customers?id=1&email=ada@example.com",
            "/customers?id=2&email=ada@example.com",
            "/orders?customerId=1&quantity=2",
            "/orders?customerId=99&quantity=1",
            "/orders?customerId=1&quantity=0",
            "/customers?id=3&email=ada@example.com");

    private static final Pattern BOOT_WARN = Pattern.compile(
            "(?m)^\\S+ +WARN \\d+ --- \\[shop\\] \\[[^\\]]+\\] integrity +: Integrity violation: (.*)$");
    private static final Pattern SAMPLE = Pattern.compile(
            "(?m)^db_integrity_violations_total\\{([^}]*)\\} ([0-9.E]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void violationsAreExplainedInBootsLogCountedAtTheActuatorAndTheServiceAnswersAsWithoutTheAgent()
            throws Exception {
        Path events = Files.createTempFile("shop-events", ".jsonl");
        Run without = Run.of(List.of());
        Run with = Run.of(List.of("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=events.file=" + events));

        assertEquals(without.responses, with.responses, "the service must answer the same with the agent");
        assertEquals(List.of("201", "409", "201", "409", "409", "409"),
                with.responses.stream().map(r -> r.substring(0, 3)).toList());

        List<String> headlines = matches(BOOT_WARN, with.log);
        // H2 2.3 names only the constraint's index (UK_CUSTOMERS_EMAIL_INDEX_6), and JPA saves inside a transaction,
        // where the agent does not ask the catalog which constraint owns it: so it says it is an index.
        assertTrue(headlines.contains("unique index UK_CUSTOMERS_EMAIL_INDEX_6 on CUSTOMERS(EMAIL) refused an INSERT"),
                with.log);
        assertTrue(headlines.stream().anyMatch(h -> h.startsWith("foreign key FK_ORDERS_CUSTOMER on ORDERS")),
                with.log);
        assertTrue(headlines.stream().anyMatch(h -> h.startsWith("check constraint CK_ORDERS_QUANTITY")), with.log);
        assertTrue(with.log.contains("  sent by:    com.example.shop.ShopController.signUp(ShopController.java:"),
                with.log);
        assertTrue(with.log.contains("  sent by:    com.example.shop.OrderBook.place(OrderBook.java:"), with.log);
        assertFalse(without.log.contains("Integrity violation"), without.log);

        Map<String, Integer> recorded = countsByTags(events);
        assertEquals(4, recorded.values().stream().mapToInt(Integer::intValue).sum(), recorded.toString());
        assertEquals(recorded, scrapedCounts(with.prometheus), with.prometheus);
        assertFalse(with.prometheus.contains("integrity_agent_errors_total"), with.prometheus);
        assertFalse(without.prometheus.contains("db_integrity_violations_total"), without.prometheus);
        Files.delete(events);
    }

    /** The agent's events, counted by the tags their metric carries. */
    private static Map<String, Integer> countsByTags(Path events) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode event = json.readTree(line);
            Map<String, String> tags = new TreeMap<>();
            tags.put("constraint_kind", text(event, "kind"));
            tags.put("constraint_name", text(event, "constraint"));
            tags.put("db_system_name", text(event, "db"));
            tags.put("db_collection_name", text(event, "table"));
            tags.put("db_operation_name", text(event, "operation"));
            counts.merge(tags.toString(), 1, Integer::sum);
        }
        return counts;
    }

    private static String text(JsonNode event, String field) {
        return event.get(field).isNull() ? "unknown" : event.get(field).asText();
    }

    private static Map<String, Integer> scrapedCounts(String prometheus) {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(prometheus);
        while (sample.find()) {
            Map<String, String> tags = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                tags.put(label.group(1), label.group(2));
            }
            counts.put(tags.toString(), (int) Double.parseDouble(sample.group(2)));
        }
        return counts;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** One start of the fat jar: the answers to {@link #REQUESTS}, a scrape of the actuator, the console log. */
    private record Run(List<String> responses, String prometheus, String log) {

        static Run of(List<String> jvmOptions) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("shop", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", APP_JAR.toString(), "--server.port=" + port));
            Process shop = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                awaitStarted(shop, http, base, log);
                List<String> responses = new ArrayList<>();
                for (String request : REQUESTS) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + request))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    responses.add(response.statusCode() + " " + response.body());
                }
                String prometheus = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                return new Run(responses, prometheus, Files.readString(log));
            } finally {
                shop.destroy();
                if (!shop.waitFor(30, TimeUnit.SECONDS)) {
                    shop.destroyForcibly();
                }
                Files.deleteIfExists(log);
            }
        }

        /** Boot takes 5-20 s to start on a busy machine; polls its health endpoint for up to 4 minutes. */
        private static void awaitStarted(Process shop, HttpClient http, String base, Path log) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (System.nanoTime() < deadline) {
                if (!shop.isAlive()) {
                    throw new AssertionError("the shop exited with " + shop.exitValue() + ":\n" + Files.readString(log));
                }
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // Tomcat is not up yet.
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the shop did not start within 4 minutes:\n" + Files.readString(log));
        }
    }
}
