package io.integrityagent;

import io.integrityagent.config.AgentConfig;
import io.integrityagent.output.AgentMetrics;
import io.integrityagent.output.PrometheusEndpoint;
import io.integrityagent.ui.LivePage;
import io.integrityagent.ui.RecentViolations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts the agent's HTTP endpoint when {@code prometheus.port} or {@code ui} asks for it: the metrics, and the
 * live page when it may be served. Without a token the page's SQL and values would be for whoever reaches the
 * port, so it is served without one only on a loopback address; elsewhere one line says why it is not.
 */
final class EndpointStart {

    /** What was started; either part may be {@code null}. */
    static final class Started {
        private final PrometheusEndpoint endpoint;
        private final RecentViolations recent;

        Started(PrometheusEndpoint endpoint, RecentViolations recent) {
            this.endpoint = endpoint;
            this.recent = recent;
        }

        /** The endpoint, {@code null} when none was asked for or it could not start. */
        PrometheusEndpoint endpoint() {
            return endpoint;
        }

        /** The live page's store, {@code null} when the page is not served. */
        RecentViolations recent() {
            return recent;
        }
    }

    private EndpointStart() {
    }

    /**
     * @param say     receives each line for stderr (a refusal, a port that cannot be bound)
     * @param outputs receives what is served, for the start-up line
     */
    static Started start(AgentConfig config, AgentMetrics metrics, Consumer<String> say, List<String> outputs) {
        boolean page = config.ui() && livePageAllowed(config, say);
        Integer port = page ? config.endpointPort() : config.prometheusPort();
        if (port == null) {
            return new Started(null, null);
        }
        try {
            PrometheusEndpoint endpoint;
            RecentViolations recent = null;
            if (page) {
                recent = new RecentViolations(config.uiGroups(), config.uiSamples());
                endpoint = PrometheusEndpoint.start(config.prometheusHost(), port, metrics::scrape,
                        new LivePage(recent, config.uiToken()));
            } else {
                endpoint = PrometheusEndpoint.start(config.prometheusHost(), port, metrics::scrape);
            }
            outputs.add("metrics at " + endpoint.url());
            if (page) {
                outputs.add("live page at " + endpoint.baseUrl() + "/"
                        + (config.uiToken() == null ? "" : " (with ui.token)"));
            }
            return new Started(endpoint, recent);
        } catch (Exception e) {
            say.accept(IntegrityAgent.NAME + ": cannot serve " + (page ? "metrics and the live page" : "metrics") + " on "
                    + config.prometheusHost() + ":" + port + " (" + e + "); continuing without the endpoint");
            return new Started(null, null);
        }
    }

    private static boolean livePageAllowed(AgentConfig config, Consumer<String> say) {
        if (config.uiToken() != null) {
            return true;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(config.prometheusHost()).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            loopback = false;
        }
        if (!loopback) {
            say.accept(IntegrityAgent.NAME + ": ui=true refused: the endpoint listens on " + config.prometheusHost()
                    + ", not a loopback address, so anyone who reaches it would read the violations; set ui.token"
                    + " (at least 16 characters) to serve the live page there, or prometheus.host=127.0.0.1;"
                    + " the live page is not served");
        }
        return loopback;
    }
}
