package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the real OpenTelemetry Java agent attached beside ours, each event names the trace that the OpenTelemetry
 * agent exported for the violating JDBC call, and that trace shows the violation as a span event. The
 * application's MDC travels with the event, masked like any value.
 */
class TraceCorrelationIT {

    private static final String[] LIBRARIES = {"h2", "opentelemetry-api", "opentelemetry-context", "opentelemetry-common",
            "slf4j-api",
            "logback-classic", "logback-core"};

    private static final OtlpReceiver RECEIVER = newReceiver();
    private static AgentProcess.Result traced;
    private static Events tracedEvents;
    private static List<Span> spans;
    private static Events untracedEvents;
    private static Events tracesOffEvents;
    private static AgentProcess.Result openTelemetryFirst;
    private static Events openTelemetryFirstEvents;

    private static OtlpReceiver newReceiver() {
        try {
            return new OtlpReceiver();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void runTheApplicationWithAndWithoutTheOpenTelemetryAgent() throws Exception {
        Path dir = Files.createTempDirectory("traces-it");
        traced = withOpenTelemetryAgent("events.file=" + dir.resolve("traced.jsonl"))
                .run(TracedApplication.class).assertSucceeded();
        tracedEvents = Events.read(dir.resolve("traced.jsonl"));
        spans = RECEIVER.spans();
        AgentProcess.app().libraries(LIBRARIES).agentArguments("events.file=" + dir.resolve("untraced.jsonl"))
                .run(TracedApplication.class).assertSucceeded();
        untracedEvents = Events.read(dir.resolve("untraced.jsonl"));
        withOpenTelemetryAgent("traces=off,events.file=" + dir.resolve("off.jsonl"))
                .run(TracedApplication.class).assertSucceeded();
        tracesOffEvents = Events.read(dir.resolve("off.jsonl"));
        openTelemetryFirst = withOpenTelemetryAgent("events.file=" + dir.resolve("otel-first.jsonl"), false)
                .run(TracedApplication.class).assertSucceeded();
        openTelemetryFirstEvents = Events.read(dir.resolve("otel-first.jsonl"));
    }

    private static AgentProcess withOpenTelemetryAgent(String ourArguments) {
        return withOpenTelemetryAgent(ourArguments, true);
    }

    /**
     * Both agents, in either order: second, the OpenTelemetry agent has already added interfaces it generated in
     * memory to the JDBC classes, which have no class file to read.
     */
    private static AgentProcess withOpenTelemetryAgent(String ourArguments, boolean oursFirst) {
        String ours = "-javaagent:" + AgentProcess.AGENT_JAR.toAbsolutePath() + "=" + ourArguments;
        String openTelemetry = "-javaagent:" + AgentProcess.classPath(List.of("opentelemetry-javaagent"))
                .split(File.pathSeparator)[1];
        return AgentProcess.app().libraries(LIBRARIES).withoutAgent()
                .jvmOption(oursFirst ? ours : openTelemetry)
                .jvmOption(oursFirst ? openTelemetry : ours)
                .jvmOption("-Dotel.service.name=traced-application")
                .jvmOption("-Dotel.exporter.otlp.protocol=http/protobuf")
                .jvmOption("-Dotel.exporter.otlp.endpoint=" + RECEIVER.url())
                .jvmOption("-Dotel.traces.exporter=otlp")
                .jvmOption("-Dotel.metrics.exporter=none")
                .jvmOption("-Dotel.logs.exporter=none")
                .jvmOption("-Dotel.bsp.schedule.delay=100")
                .jvmOption("-Dotel.javaagent.logging=none");
    }

    @AfterAll
    static void stopTheReceiver() {
        RECEIVER.close();
    }

    @Test
    void attachedAfterTheOpenTelemetryAgentItReportsTheSameViolationsWithTheirTraces() {
        assertEquals(2, openTelemetryFirstEvents.all().size(), openTelemetryFirst.stderr);
        assertFalse(openTelemetryFirst.stderr.contains("cannot instrument"), openTelemetryFirst.stderr);
        JsonNode event = openTelemetryFirstEvents.single("signUpInsideRequest");
        assertEquals(32, event.get("traceId").asText().length(), event.toString());
    }

    @Test
    void anEventInsideTheRequestNamesTheRequestsTrace() {
        JsonNode event = tracedEvents.single("signUpInsideRequest");
        String requestTrace = traced.stdout.lines().filter(line -> line.startsWith("REQUEST_TRACE "))
                .findFirst().orElseThrow().substring("REQUEST_TRACE ".length());
        assertEquals(requestTrace, event.get("traceId").asText());
        assertEquals(16, event.get("spanId").asText().length(), event.toString());
    }

    @Test
    void everyEventsTraceIsATraceTheOpenTelemetryAgentExportedForItsJdbcCall() {
        assertEquals(2, tracedEvents.all().size());
        for (JsonNode event : tracedEvents.all()) {
            List<Span> trace = spansOf(event.get("traceId").asText());
            assertTrue(trace.stream().anyMatch(TraceCorrelationIT::isJdbcInsert),
                    "no exported JDBC span in the trace of " + event + ":\n" + trace);
        }
    }

    @Test
    void aSpanOfEachTraceCarriesTheViolationAsAnEventWithoutValues() {
        for (JsonNode event : tracedEvents.all()) {
            List<Span.Event> marks = spansOf(event.get("traceId").asText()).stream()
                    .flatMap(span -> span.getEventsList().stream())
                    .filter(e -> e.getName().equals("db.integrity.violation"))
                    .collect(Collectors.toList());
            assertEquals(1, marks.size(), "one mark per violation in the trace of " + event);
            Map<String, String> attributes = OtlpReceiver.attributes(marks.get(0).getAttributesList());
            assertEquals(Map.of("constraint.kind", "unique", "constraint.name", "UQ_ACCOUNTS_EMAIL",
                    "db.system.name", "h2database", "db.collection.name", "ACCOUNTS", "db.operation.name", "INSERT"),
                    attributes);
            assertFalse(attributes.toString().contains("ada@example.com"));
        }
    }

    @Test
    void theMarkedSpanIsTheOneTheEventNames() {
        for (JsonNode event : tracedEvents.all()) {
            Span marked = spansOf(event.get("traceId").asText()).stream()
                    .filter(span -> span.getEventsList().stream()
                            .anyMatch(e -> e.getName().equals("db.integrity.violation")))
                    .findFirst().orElseThrow();
            assertEquals(event.get("spanId").asText(), hex(marked.getSpanId().toByteArray()));
        }
    }

    @Test
    void theEventCarriesTheMdcWithSensitiveKeysMasked() {
        JsonNode context = tracedEvents.single("signUpInsideRequest").get("context");
        assertEquals("req-42", context.get("requestId").asText(), context.toString());
        assertEquals("****", context.get("sessionToken").asText(), context.toString());
        JsonNode emptied = tracedEvents.single("signUpOutsideRequest").get("context");
        assertTrue(emptied.isNull() || emptied.isEmpty(), "Logback gives no map for an empty MDC: " + emptied);
    }

    @Test
    void withoutAnOpenTelemetryAgentTheIdsAreNullAndTheMdcIsStillThere() {
        JsonNode event = untracedEvents.single("signUpInsideRequest");
        assertTrue(event.get("traceId").isNull(), event.toString());
        assertTrue(event.get("spanId").isNull(), event.toString());
        assertEquals("req-42", event.get("context").get("requestId").asText());
    }

    @Test
    void tracesOffLeavesTheIdsOutEvenUnderTheOpenTelemetryAgent() {
        assertEquals(2, tracesOffEvents.all().size());
        tracesOffEvents.all().forEach(event -> assertTrue(event.get("traceId").isNull(), event.toString()));
    }

    private static List<Span> spansOf(String traceId) {
        return spans.stream().filter(span -> hex(span.getTraceId().toByteArray()).equals(traceId))
                .collect(Collectors.toList());
    }

    private static boolean isJdbcInsert(Span span) {
        return span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT && span.getName().startsWith("INSERT");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
