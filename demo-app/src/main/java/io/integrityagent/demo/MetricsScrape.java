package io.integrityagent.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Shows the agent's own metrics, if the agent was started with a Prometheus endpoint. */
final class MetricsScrape {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private MetricsScrape() {
    }

    static void print(String metricsUrl) {
        List<String> lines;
        try {
            lines = scrape(metricsUrl);
        } catch (IOException | IllegalArgumentException e) {
            printUnreachable(metricsUrl);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            printUnreachable(metricsUrl);
            return;
        }
        System.out.println("Metrics scraped from the agent (" + metricsUrl + "):");
        List<String> agentLines = lines.stream().filter(MetricsScrape::isAgentMetric).toList();
        if (agentLines.isEmpty()) {
            System.out.println("   (the endpoint answered, but with no db_integrity or integrity_agent metrics)");
        }
        agentLines.forEach(line -> System.out.println("   " + line));
    }

    private static List<String> scrape(String metricsUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body().lines().toList();
    }

    private static boolean isAgentMetric(String line) {
        return line.startsWith("db_integrity") || line.startsWith("integrity_agent");
    }

    private static void printUnreachable(String metricsUrl) {
        System.out.println("The agent's metrics endpoint " + metricsUrl + " was not reachable"
                + " (start the agent with prometheus.port=" + portOf(metricsUrl) + " to see them).");
    }

    private static String portOf(String metricsUrl) {
        try {
            int port = URI.create(metricsUrl).getPort();
            return port > 0 ? String.valueOf(port) : "9464";
        } catch (IllegalArgumentException e) {
            return "9464";
        }
    }
}
