package io.integrityagent.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver in the test JVM, standing in for an OpenTelemetry Collector: it accepts protobuf exports
 * of metrics ({@code /v1/metrics}) and traces ({@code /v1/traces}) and decodes them with the OTLP classes.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/v1/metrics")) {
                    metrics.add(ExportMetricsServiceRequest.parseFrom(bytes));
                } else if (path.equals("/v1/traces")) {
                    traces.add(ExportTraceServiceRequest.parseFrom(bytes));
                }
                // An empty Export…ServiceResponse is zero bytes of protobuf.
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(path.startsWith("/v1/") ? 200 : 404, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The base address, as an OTLP exporter's endpoint. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ExportMetricsServiceRequest> metrics() {
        return metrics;
    }

    /** Every span received, in the order received. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        traces.forEach(request -> request.getResourceSpansList().forEach(resource ->
                resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList()))));
        return spans;
    }

    /**
     * The latest value of each data point of the cumulative sum {@code metric}, keyed by its attributes
     * (sorted {@code key=value} pairs), across every export.
     */
    Map<String, Double> latestSums(String metric) {
        Map<String, Double> latest = new TreeMap<>();
        for (ExportMetricsServiceRequest request : metrics) {
            for (ResourceMetrics resource : request.getResourceMetricsList()) {
                resource.getScopeMetricsList().forEach(scope -> scope.getMetricsList().stream()
                        .filter(m -> m.getName().equals(metric))
                        .forEach(m -> {
                            for (NumberDataPoint point : m.getSum().getDataPointsList()) {
                                latest.put(attributes(point.getAttributesList()).toString(), point.getAsDouble());
                            }
                        }));
            }
        }
        return latest;
    }

    /** The resource attributes of every metrics export. */
    List<Map<String, String>> metricResources() {
        List<Map<String, String>> resources = new ArrayList<>();
        metrics.forEach(request -> request.getResourceMetricsList().forEach(resource ->
                resources.add(attributes(resource.getResource().getAttributesList()))));
        return resources;
    }

    static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new TreeMap<>();
        keyValues.forEach(kv -> attributes.put(kv.getKey(), kv.getValue().getStringValue()));
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
