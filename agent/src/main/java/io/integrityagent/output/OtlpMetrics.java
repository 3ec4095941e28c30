package io.integrityagent.output;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Pushes the agent's meters over OTLP/HTTP (protobuf) to an OpenTelemetry Collector or any OTLP receiver, on a
 * daemon thread of its own, with cumulative counters. A push that fails is counted as an internal error (stage
 * {@code otlp}), never logged. Created only when configured: Micrometer's OTLP registry
 * and its protobuf classes are loaded by nothing else.
 */
public final class OtlpMetrics {

    /** What the OpenTelemetry SDK calls a service that was given no name, so both land in the same place. */
    static final String UNNAMED_SERVICE = "unknown_service:java";

    private OtlpMetrics() {
    }

    /**
     * Starts pushing {@code metrics} to {@code url} every {@code interval}; a last push happens when the JVM
     * shuts down, so a short-lived process still reports its counts.
     */
    public static void start(URI url, Duration interval, AgentMetrics metrics) {
        MicrometerLogging.silence();
        Map<String, String> resource = resourceAttributes(System::getProperty, System::getenv);
        OtlpConfig config = new OtlpConfig() {
            @Override
            public String get(String key) {
                return null; // every other setting keeps Micrometer's default
            }

            @Override
            public String url() {
                return url.toString();
            }

            @Override
            public Duration step() {
                return interval;
            }

            @Override
            public Map<String, String> resourceAttributes() {
                return resource;
            }
        };
        ThreadFactory daemon = task -> {
            Thread thread = new Thread(task, "integrity-agent-otlp");
            thread.setDaemon(true);
            return thread;
        };
        OtlpMetricsSender http = new OtlpHttpMetricsSender(new HttpUrlConnectionSender());
        // Counted instead of thrown: Micrometer would log each failed push, stack trace and all, into the
        // application's java.util.logging every interval for as long as the collector is down.
        OtlpMetricsSender counted = request -> {
            try {
                http.send(request);
            } catch (Throwable unreachable) {
                metrics.countInternalError("otlp");
            }
        };
        OtlpMeterRegistry registry = OtlpMeterRegistry.builder(config).clock(Clock.SYSTEM).threadFactory(daemon)
                .metricsSender(counted).build();
        metrics.bindTo(registry);
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "integrity-agent-otlp-flush"));
    }

    /**
     * The resource attributes the OpenTelemetry SDK would give this process: {@code OTEL_RESOURCE_ATTRIBUTES} /
     * {@code otel.resource.attributes}, with {@code service.name} from {@code otel.service.name} /
     * {@code OTEL_SERVICE_NAME} (a system property wins over the environment, as in the SDK).
     */
    static Map<String, String> resourceAttributes(Function<String, String> systemProperties,
                                                  Function<String, String> environment) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String listed = firstSet(systemProperties.apply("otel.resource.attributes"),
                environment.apply("OTEL_RESOURCE_ATTRIBUTES"));
        if (listed != null) {
            for (String pair : listed.split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    attributes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                }
            }
        }
        String serviceName = firstSet(systemProperties.apply("otel.service.name"),
                environment.apply("OTEL_SERVICE_NAME"));
        if (serviceName != null) {
            attributes.put("service.name", serviceName);
        }
        attributes.putIfAbsent("service.name", UNNAMED_SERVICE);
        return attributes;
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
