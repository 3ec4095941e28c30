package io.integrityagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.config.AgentConfig;
import io.integrityagent.output.AgentMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which endpoint start-up serves, and the one line it says when the live page may not be served. */
class EndpointStartTest {

    private static final String TOKEN = "0123456789abcdef-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> said = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private EndpointStart.Started started;

    @AfterEach
    void stop() {
        if (started != null && started.endpoint() != null) {
            started.endpoint().close();
        }
    }

    private void start(String arguments) {
        started = EndpointStart.start(AgentConfig.load(arguments, Map.of(), Map.of()), new AgentMetrics(), said::add,
                outputs);
    }

    @Test
    void onALoopbackAddressThePageIsServedBesideTheMetrics() throws Exception {
        start("ui=true,prometheus.port=0");

        assertEquals(List.of(), said);
        assertNotNull(started.recent());
        int port = started.endpoint().port();
        assertEquals(List.of("metrics at http://127.0.0.1:" + port + "/metrics",
                "live page at http://127.0.0.1:" + port + "/"), outputs);
        assertEquals(200, status(port, "/"));
        assertEquals(200, status(port, "/violations"));
        assertEquals(200, status(port, "/metrics"));
    }

    @Test
    void onANonLoopbackAddressWithoutATokenThePageIsRefusedInOneLineAndTheMetricsStay() throws Exception {
        start("ui=true,prometheus.host=0.0.0.0,prometheus.port=0");

        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("Integrity Agent: ui=true refused: the endpoint listens on 0.0.0.0, not a"
                + " loopback address"), said.get(0));
        assertTrue(said.get(0).contains("set ui.token"), said.get(0));
        assertNull(started.recent());
        int port = started.endpoint().port();
        assertEquals(List.of("metrics at http://0.0.0.0:" + port + "/metrics"), outputs);
        assertEquals(404, status(port, "/"));
        assertEquals(404, status(port, "/violations"));
        assertEquals(200, status(port, "/metrics"));
    }

    @Test
    void onANonLoopbackAddressWithoutATokenOrMetricsPortNothingIsServed() {
        start("ui=true,prometheus.host=0.0.0.0");

        assertEquals(1, said.size(), said.toString());
        assertNull(started.endpoint());
        assertEquals(List.of(), outputs);
    }

    @Test
    void onANonLoopbackAddressWithATokenThePageRequiresIt() throws Exception {
        start("ui=true,prometheus.host=0.0.0.0,prometheus.port=0,ui.token=" + TOKEN);

        assertEquals(List.of(), said);
        int port = started.endpoint().port();
        assertEquals("live page at http://0.0.0.0:" + port + "/ (with ui.token)", outputs.get(1));
        assertEquals(401, status(port, "/violations"));
        assertEquals(403, status(port, "/violations?token=wrong-token-0123456789"));
        assertEquals(200, status(port, "/violations?token=" + TOKEN));
        assertTrue(outputs.stream().noneMatch(output -> output.contains(TOKEN)), "the token is never written");
    }

    @Test
    void withoutUiTheEndpointServesOnlyMetrics() throws Exception {
        start("prometheus.port=0");

        assertNull(started.recent());
        assertEquals(404, status(started.endpoint().port(), "/"));
        assertEquals(200, status(started.endpoint().port(), "/metrics"));
    }

    @Test
    void aPortThatCannotBeBoundIsSaidInOneLine() {
        start("ui=true,prometheus.host=203.0.113.1,prometheus.port=0,ui.token=" + TOKEN);

        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("Integrity Agent: cannot serve metrics and the live page on 203.0.113.1:0"),
                said.get(0));
        assertNull(started.endpoint());
        assertNull(started.recent());
    }

    private int status(int port, String target) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
