package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shop's fat jar, run as a user would: once as it is, once with {@code -javaagent:} the packaged agent. The
 * same requests get the same answers; with the agent, each refused write is explained in Spring Boot's own log
 * format, {@code /actuator/prometheus} counts exactly the violations the agent recorded as events, and each
 * event's handling advice names the exception class the service's own handler caught (it answers with it). On
 * H2 and on PostgreSQL, where a violation aborts the transaction.
 */
class ShopWithAgentIT {

    private static final Path AGENT_JAR = Path.of(System.getProperty("it.agentJar",
            "../../agent/target/integrity-agent.jar"));
    private static final Path APP_JAR = Path.of(System.getProperty("it.appJar", "target/spring-boot-example.jar"));
    private static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /**
     * One accepted sign-up and order, and a refused write of each kind, through JPA (flushed at once, and once at
     * commit) and through JdbcTemplate (in auto-commit, and once inside a transaction).
     */
    private static final List<String> REQUESTS = List.of(
            "/customers?id=1&email=ada@example.com",
            "/customers?id=2&email=ada@example.com",
            "/orders?customerId=1&quantity=2",
            "/orders?customerId=99&quantity=1",
            "/orders?customerId=1&quantity=0",
            "/customers?id=3&email=ada@example.com",
            "/customers/import?id=4&email=ada@example.com",
            "/customers?id=5&email=ada@example.com&flush=false");

    /**
     * What each refused request's event advises, in order: the stack, when it surfaces, and what becomes of the
     * transaction on H2 and on PostgreSQL (JPA's repository transaction must go; JdbcTemplate in auto-commit has
     * none; in a transaction H2 undoes only the statement, PostgreSQL aborts it; a failed commit has ended it).
     */
    private static final List<List<String>> HANDLING = List.of(
            List.of("spring-data-jpa", "flush", "required", "required"),
            List.of("spring-jdbc", "statement", "none", "none"),
            List.of("spring-jdbc", "statement", "none", "none"),
            List.of("spring-data-jpa", "flush", "required", "required"),
            List.of("spring-jdbc", "statement", "statement", "required"),
            List.of("spring-data-jpa", "commit", "done", "done"));
    private static final List<String> STATUSES = List.of("201", "409", "201", "409", "409", "409", "409", "409");
    private static final Pattern CAUGHT = Pattern.compile("^409 refused \\(([\\w.]+)\\): ");

    private static final Pattern BOOT_WARN = Pattern.compile(
            "(?m)^\\S+ +WARN \\d+ --- \\[shop\\] \\[[^\\]]+\\] integrity +: Integrity violation: (.*)$");
    private static final Pattern SAMPLE = Pattern.compile(
            "(?m)^db_integrity_violations_total\\{([^}]*)\\} ([0-9.E]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void violationsAreExplainedInBootsLogCountedAtTheActuatorAndTheServiceAnswersAsWithoutTheAgent()
            throws Exception {
        Path events = Files.createTempFile("shop-events", ".jsonl");
        Run without = Run.of(List.of(), List.of());
        Run with = Run.of(List.of("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=events.file=" + events), List.of());

        assertEquals(without.responses, with.responses, "the service must answer the same with the agent");
        assertEquals(STATUSES, with.responses.stream().map(r -> r.substring(0, 3)).toList());

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
        assertTrue(with.log.contains("  handle:     A Spring Data JPA repository: Spring translates Hibernate's"
                + " org.hibernate.exception.ConstraintViolationException into"
                + " org.springframework.dao.DataIntegrityViolationException"), with.log);
        assertFalse(without.log.contains("Integrity violation"), without.log);

        assertHandlingNamesWhatTheServiceCaught(with.responses, events, 2);
        assertCountedAsRecorded(with, events);
        assertFalse(without.prometheus.contains("db_integrity_violations_total"), without.prometheus);
        Files.delete(events);
    }

    @Test
    void onPostgresqlTheAdviceSaysTheTransactionIsAbortedWhereItIs() throws Exception {
        requirePostgresql();
        Path events = Files.createTempFile("shop-events", ".jsonl");
        String schema = "shop_it_" + ProcessHandle.current().pid();
        try {
            Run without = Run.of(List.of(), postgresqlSchema(schema));
            Run with = Run.of(List.of("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=events.file=" + events),
                    postgresqlSchema(schema));

            assertEquals(without.responses, with.responses, "the service must answer the same with the agent");
            assertEquals(STATUSES, with.responses.stream().map(r -> r.substring(0, 3)).toList());
            assertTrue(with.log.contains("PostgreSQL has aborted the transaction"), with.log);
            assertHandlingNamesWhatTheServiceCaught(with.responses, events, 3);
            assertCountedAsRecorded(with, events);
        } finally {
            onPostgresql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            Files.delete(events);
        }
    }

    /**
     * The events, in the order of the refused requests: each names as {@code thrown} the class the service's
     * handler caught and answered with, and advises the stack, moment and rollback of {@link #HANDLING}.
     *
     * @param rollbackColumn the column of {@link #HANDLING} for the database the run used
     */
    private static void assertHandlingNamesWhatTheServiceCaught(List<String> responses, Path events,
                                                                 int rollbackColumn) throws IOException {
        List<String> caught = new ArrayList<>();
        for (String response : responses) {
            Matcher refused = CAUGHT.matcher(response);
            if (refused.find()) {
                caught.add(refused.group(1));
            }
        }
        List<JsonNode> handlings = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            handlings.add(new ObjectMapper().readTree(line).get("handling"));
        }
        assertEquals(HANDLING.size(), caught.size(), responses.toString());
        assertEquals(HANDLING.size(), handlings.size(), handlings.toString());
        for (int i = 0; i < HANDLING.size(); i++) {
            JsonNode handling = handlings.get(i);
            List<String> expected = HANDLING.get(i);
            String context = responses + "\n" + handling;
            assertEquals(caught.get(i), handling.get("thrown").asText(), context);
            assertTrue(handling.get("advice").asText().contains(caught.get(i)), context);
            assertEquals(expected.get(0), handling.get("stack").asText(), context);
            assertEquals(expected.get(1), handling.get("surfaces").asText(), context);
            assertEquals(expected.get(rollbackColumn), handling.get("rollback").asText(), context);
        }
        // The import through JdbcTemplate violates the unique e-mail: Spring calls that a duplicate key.
        assertEquals("org.springframework.dao.DuplicateKeyException", caught.get(4));
    }

    private static void assertCountedAsRecorded(Run with, Path events) throws IOException {
        Map<String, Integer> recorded = countsByTags(events);
        assertEquals(HANDLING.size(), recorded.values().stream().mapToInt(Integer::intValue).sum(),
                recorded.toString());
        assertEquals(recorded, scrapedCounts(with.prometheus), with.prometheus);
        assertFalse(with.prometheus.contains("integrity_agent_errors_total"), with.prometheus);
    }

    /** The shop's options for the schema {@code schema} on the live PostgreSQL, created empty for the run. */
    private static List<String> postgresqlSchema(String schema) throws Exception {
        onPostgresql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        return List.of("--spring.datasource.url=" + POSTGRESQL_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=postgres", "--spring.sql.init.mode=always");
    }

    private static void onPostgresql(String... statements) throws Exception {
        try (Connection admin = DriverManager.getConnection(POSTGRESQL_URL, "postgres", "");
             Statement s = admin.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Skips when PostgreSQL is not running here, except on CI, where the live tests must run. */
    private static void requirePostgresql() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
        } catch (IOException unreachable) {
            String line = "PostgreSQL at 127.0.0.1:5432 is not reachable";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(line + " and CI=true: the live tests must run on CI");
            }
            System.out.println("SKIPPED live tests: " + line);
            Assumptions.abort(line);
        }
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

        static Run of(List<String> jvmOptions, List<String> appArguments) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("shop", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", APP_JAR.toString(), "--server.port=" + port));
            command.addAll(appArguments);
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
