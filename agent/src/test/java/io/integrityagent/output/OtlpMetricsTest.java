package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpMetricsTest {

    @Test
    void anUnnamedServiceGetsTheNameTheOpenTelemetrySdkWouldGiveIt() {
        assertEquals(Map.of("service.name", "unknown_service:java"),
                OtlpMetrics.resourceAttributes(key -> null, key -> null));
    }

    @Test
    void theServiceNameComesFromTheSystemPropertyBeforeTheEnvironment() {
        Map<String, String> environment = Map.of("OTEL_SERVICE_NAME", "from-env",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.name=listed");
        assertEquals(Map.of("service.name", "from-env", "deployment.environment", "prod"),
                OtlpMetrics.resourceAttributes(key -> null, environment::get));
        assertEquals("from-property", OtlpMetrics.resourceAttributes(
                Map.of("otel.service.name", "from-property")::get, environment::get).get("service.name"));
    }
}
