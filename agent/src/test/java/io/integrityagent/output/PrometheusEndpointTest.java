package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheScrapeOnMetrics() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        metrics.countViolation(Reports.uniqueViolation());

        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, metrics::scrape)) {
            assertTrue(endpoint.port() > 0);
            assertEquals("http://127.0.0.1:" + endpoint.port() + "/metrics", endpoint.url());

            HttpResponse<String> response = get(endpoint.url());

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(null));
            assertEquals(metrics.scrape(), response.body());
            assertTrue(response.body().contains("db_integrity_violations_total{"), response.body());
        }
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> "")) {
            String base = "http://127.0.0.1:" + endpoint.port();

            assertEquals(404, get(base + "/").statusCode());
            assertEquals(404, get(base + "/metrics/extra").statusCode());

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals("GET", post.headers().firstValue("Allow").orElse(null));
        }
    }

    @Test
    void aFailingScrapeAnswers500AndTheServerKeepsServing() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> {
            if (fail.get()) {
                throw new IllegalStateException("boom");
            }
            return "ok\n";
        })) {
            assertEquals(500, get(endpoint.url()).statusCode());

            fail.set(false);
            HttpResponse<String> response = get(endpoint.url());
            assertEquals(200, response.statusCode());
            assertEquals("ok\n", response.body());
        }
    }

    @Test
    void runsOnlyOnDaemonThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> "")) {
            get(endpoint.url());

            Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t))
                    .filter(t -> !t.getName().startsWith("HttpClient"))
                    .collect(Collectors.toSet());
            assertTrue(started.stream().anyMatch(t -> t.getName().equals("integrity-agent-metrics")), started::toString);
            assertTrue(started.stream().allMatch(Thread::isDaemon), started::toString);
        }
    }

    @Test
    void stopsServingOnClose() throws Exception {
        PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> "");
        String url = endpoint.url();
        assertEquals(200, get(url).statusCode());

        endpoint.close();

        assertThrows(IOException.class, () -> get(url));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
