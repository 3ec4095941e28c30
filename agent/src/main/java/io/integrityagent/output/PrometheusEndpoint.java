package io.integrityagent.output;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's HTTP endpoint: serves {@code GET /metrics} in the Prometheus text format with the JDK's built-in
 * HTTP server, so the agent needs no HTTP library, and hands every other path to a handler of its own (the live
 * page), or answers 404. Requests are handled on one daemon thread, {@code integrity-agent-metrics}; a failing
 * request is answered with 500 and the server keeps serving.
 */
public final class PrometheusEndpoint implements Closeable {

    private static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String THREAD_NAME = "integrity-agent-metrics";
    private static final HttpHandler NOT_FOUND = exchange -> exchange.sendResponseHeaders(404, -1);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private PrometheusEndpoint(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free port) and starts serving.
     *
     * @throws IOException if the address cannot be bound
     */
    public static PrometheusEndpoint start(String host, int port, Supplier<String> scrape) throws IOException {
        return start(host, port, scrape, NOT_FOUND);
    }

    /**
     * Like {@link #start(String, int, Supplier)}, with {@code otherPaths} answering every path but
     * {@code /metrics}.
     */
    public static PrometheusEndpoint start(String host, int port, Supplier<String> scrape, HttpHandler otherPaths)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, scrape, otherPaths));
        try {
            // The JDK's dispatcher thread inherits daemon status from the thread that starts the server; starting
            // it from our daemon thread keeps the endpoint from holding the application's JVM alive.
            executor.submit(server::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(server, executor);
            throw new IOException("Interrupted while starting the metrics endpoint", e);
        } catch (ExecutionException e) {
            stop(server, executor);
            throw new IOException("Cannot start the metrics endpoint", e.getCause());
        }
        return new PrometheusEndpoint(server, executor, host);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return baseUrl() + PATH;
    }

    /** {@code http://host:port}, without a path. */
    public String baseUrl() {
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port();
    }

    @Override
    public void close() {
        stop(server, executor);
    }

    private static void stop(HttpServer server, ExecutorService executor) {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape, HttpHandler otherPaths) {
        try {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                otherPaths.handle(exchange);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (Exception e) {
            respondWithServerError(exchange);
        } finally {
            exchange.close();
        }
    }

    private static void respondWithServerError(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(500, -1);
        } catch (IOException | RuntimeException alreadyCommitted) {
            // Headers were already sent (or the client left); closing the exchange is all that is left to do.
        }
    }
}
