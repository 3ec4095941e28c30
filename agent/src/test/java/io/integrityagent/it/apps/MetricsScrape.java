package io.integrityagent.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets a test application save the agent's Prometheus scrape of its own JVM before it exits, when the test
 * asks for it with {@code -Dit.metricsUrl=… -Dit.metricsFile=…}. Nothing is printed, so the application's
 * output stays the same with and without the agent.
 */
public final class MetricsScrape {

    private MetricsScrape() {
    }

    public static void saveIfAsked() throws Exception {
        String url = System.getProperty("it.metricsUrl");
        String file = System.getProperty("it.metricsFile");
        if (url == null || file == null) {
            return;
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        Files.writeString(Path.of(file), response.body());
    }
}
