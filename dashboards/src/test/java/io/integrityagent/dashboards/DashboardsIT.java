package io.integrityagent.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard and Prometheus alert rules against a real Prometheus, scraping the packaged demo
 * application with the packaged agent every second: every panel's query and every rule's expression must return
 * data, the scrape must pass {@code promtool check metrics}, and the rules {@code promtool check rules} and their
 * unit tests. Skipped with one line without Prometheus installed, except on CI ({@code CI=true}), where it fails.
 */
class DashboardsIT {

    private static final String JOB = "integrity-demo";
    private static final Path DASHBOARDS = Paths.get(System.getProperty("it.dashboards", "."));
    private static final Path DASHBOARD = DASHBOARDS.resolve("integrity-agent-dashboard.json");
    private static final Path RULES = DASHBOARDS.resolve("integrity-agent-alerts.yml");
    private static final Path RULE_TESTS = DASHBOARDS.resolve("integrity-agent-alerts.test.yml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String prometheusBinary;
    private static String promtool;
    private static Process demo;
    private static Process prometheus;
    private static String agentEndpoint;
    private static String prometheusUrl;
    private static Path work;

    @BeforeAll
    static void startTheDemoAndAPrometheusScrapingIt() throws Exception {
        prometheusBinary = onPath("prometheus").orElse(null);
        promtool = onPath("promtool").orElse(null);
        if (prometheusBinary == null || promtool == null) {
            String line = "DashboardsIT: prometheus/promtool not installed (apt-get install prometheus);"
                    + " skipping the dashboard and alert tests";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(line + " and CI=true: they must run on CI");
            }
            System.out.println(line);
            Assumptions.abort(line);
        }
        work = Files.createTempDirectory("dashboards-it");
        int agentPort = freePort();
        agentEndpoint = "http://127.0.0.1:" + agentPort + "/metrics";
        // The events go to a disk that is always full, so the agent has internal errors to show and alert on.
        demo = start(work.resolve("demo.log"), javaBinary(),
                "-javaagent:" + Paths.get(System.getProperty("it.agentJar")).toAbsolutePath()
                        + "=prometheus.port=" + agentPort + ",events.file=/dev/full",
                "-jar", Paths.get(System.getProperty("it.demoJar")).toAbsolutePath().toString(),
                "--metrics", agentEndpoint, "--keep-running", "300");
        waitFor("the agent's endpoint", () -> get(agentEndpoint).contains("db_integrity_violations_total"));

        int prometheusPort = freePort();
        prometheusUrl = "http://127.0.0.1:" + prometheusPort;
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + RULES.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + agentPort + "']",
                ""));
        prometheus = start(work.resolve("prometheus.log"), prometheusBinary, "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort);
        waitFor("Prometheus", () -> get(prometheusUrl + "/-/ready").contains("Ready"));
        waitFor("five scrapes of the demo",
                () -> !query("count_over_time(up{job=\"" + JOB + "\"}[1m]) >= 5").isEmpty()
                        && !query("integrity_agent_errors_total{job=\"" + JOB + "\"}").isEmpty());
    }

    @AfterAll
    static void stopThem() {
        for (Process process : new Process[] {prometheus, demo}) {
            if (process != null) {
                process.destroy();
            }
        }
    }

    @Test
    void everyPanelQueryReturnsData() throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries++;
                String promQl = substituteVariables(target.get("expr").asText());
                if (query(promQl).isEmpty()) {
                    empty.add(panel.get("title").asText() + ": " + promQl);
                }
            }
        }
        assertEquals(List.of(), empty, "panel queries without data");
        assertEquals(8, queries);
    }

    @Test
    void theJobAndInstanceVariablesListTheDemo() throws Exception {
        JsonNode variables = JSON.readTree(DASHBOARD.toFile()).get("templating").get("list");
        List<String> names = new ArrayList<>();
        for (JsonNode variable : variables) {
            names.add(variable.get("name").asText());
            Matcher labelValues = Pattern.compile("label_values\\((.+), *(\\w+)\\)")
                    .matcher(variable.get("query").get("query").asText());
            assertTrue(labelValues.matches(), variable.toString());
            String promQl = "count by (" + labelValues.group(2) + ") (" + substituteVariables(labelValues.group(1))
                    + ")";
            List<JsonNode> values = query(promQl);
            assertEquals(1, values.size(), promQl + " -> " + values);
            String expected = labelValues.group(2).equals("job") ? JOB : agentHostAndPort();
            assertEquals(expected, values.get(0).get("metric").get(labelValues.group(2)).asText());
        }
        assertEquals(List.of("job", "instance"), names);
    }

    @Test
    void theDashboardAsksForItsPrometheusDataSourceOnImport() throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        assertEquals("DS_PROMETHEUS", dashboard.get("__inputs").get(0).get("name").asText());
        for (JsonNode panel : dashboard.get("panels")) {
            assertEquals("${DS_PROMETHEUS}", panel.get("datasource").get("uid").asText(), panel.toString());
        }
    }

    /**
     * The spike rule averages over 5 minutes, so at the demo's few violations a second its expression crosses its
     * threshold only after some 40 s of scrapes: each expression gets two minutes to return data.
     */
    @Test
    void everyAlertRuleLoadsAndItsExpressionReturnsData() throws Exception {
        waitFor("the rules' first evaluation", () -> rules().stream()
                .allMatch(rule -> rule.get("health").asText().equals("ok")));
        List<String> names = new ArrayList<>();
        rules().forEach(rule -> names.add(rule.get("name").asText()));
        assertEquals(List.of("IntegrityViolationSpike", "IntegrityConstraintStartedFailing", "IntegrityAgentErrors"),
                names);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> empty;
        do {
            empty = new ArrayList<>();
            for (JsonNode rule : rules()) {
                if (query(rule.get("query").asText()).isEmpty()) {
                    empty.add(rule.get("name").asText() + ": " + rule.get("query").asText());
                }
            }
            if (!empty.isEmpty()) {
                Thread.sleep(1000);
            }
        } while (!empty.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), empty, "rule expressions without data");
    }

    @Test
    void theAgentsScrapePassesPromtoolCheckMetrics() throws Exception {
        Path scrape = work.resolve("scrape.txt");
        Files.writeString(scrape, get(agentEndpoint));
        Result result = run(new ProcessBuilder(promtool, "check", "metrics").redirectInput(scrape.toFile()));
        assertEquals(0, result.exitCode, result.output);
        assertEquals("", result.output.strip(), "promtool's complaints");
    }

    @Test
    void theRulesPassPromtoolCheckRules() throws Exception {
        Result result = run(new ProcessBuilder(promtool, "check", "rules", RULES.toString()));
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("SUCCESS: 3 rules found"), result.output);
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        Result result = run(new ProcessBuilder(promtool, "test", "rules", RULE_TESTS.getFileName().toString())
                .directory(DASHBOARDS.toFile()));
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("SUCCESS"), result.output);
    }

    /** Grafana's variables and its interval macros, as Grafana would fill them in for this demo. */
    private static String substituteVariables(String promQl) {
        return promQl.replace("$job", JOB)
                .replace("$instance", agentHostAndPort().replace(".", "\\\\."))
                .replace("$__rate_interval", "1m")
                .replace("$__range", "5m")
                .replace("$__interval", "15s");
    }

    private static String agentHostAndPort() {
        return URI.create(agentEndpoint).getAuthority();
    }

    private static List<JsonNode> rules() {
        try {
            List<JsonNode> rules = new ArrayList<>();
            for (JsonNode group : JSON.readTree(get(prometheusUrl + "/api/v1/rules")).get("data").get("groups")) {
                group.get("rules").forEach(rules::add);
            }
            return rules;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The result of an instant query; fails on a query Prometheus rejects. */
    private static List<JsonNode> query(String promQl) {
        try {
            JsonNode response = JSON.readTree(get(prometheusUrl + "/api/v1/query?query="
                    + URLEncoder.encode(promQl, StandardCharsets.UTF_8)));
            if (!response.get("status").asText().equals("success")) {
                throw new AssertionError(promQl + " -> " + response);
            }
            List<JsonNode> series = new ArrayList<>();
            response.get("data").get("result").forEach(series::add);
            return series;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + "; logs in " + work);
            }
            for (Process process : new Process[] {demo, prometheus}) {
                if (process != null && !process.isAlive()) {
                    throw new AssertionError("a process ended while waiting for " + what + "; logs in " + work);
                }
            }
            Thread.sleep(500);
        }
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Result run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return new Result(process.exitValue(), output);
    }

    private static Optional<String> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
