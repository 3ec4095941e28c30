package io.integrityagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.StatementCapture;
import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.context.ApplicationContext;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.output.AgentMetrics;
import io.integrityagent.output.JsonLines;
import io.integrityagent.output.TextFormat;
import io.integrityagent.report.Redactor;
import io.integrityagent.report.ReportAssembler;
import io.integrityagent.report.ValueRenderer;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ViolationPipelineTest {

    private final AgentMetrics metrics = new AgentMetrics();
    private final List<String> received = new ArrayList<>();

    @Test
    void everySinkReceivesTheReportInOrder() {
        pipeline(recording("metrics"), recording("log"), recording("events")).onFailure(duplicateKey());

        assertEquals(List.of("metrics users", "log users", "events users"), received);
        assertFalse(metrics.scrape().contains("integrity_agent_errors_total{"), metrics.scrape());
    }

    @Test
    void aFailingSinkIsCountedUnderItsNameAndTheOthersStillReceiveTheReport() {
        ReportSink broken = new ReportSink("log", (report, correlation) -> {
            throw new IllegalStateException("disk full");
        });

        pipeline(recording("metrics"), broken, recording("events")).onFailure(duplicateKey());

        assertEquals(List.of("metrics users", "events users"), received);
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("integrity_agent_errors_total{stage=\"log\"} 1.0"), scrape);
        assertFalse(scrape.contains("stage=\"pipeline\""), scrape);
    }

    @Test
    void aSinkThrowingAnErrorIsContainedToo() {
        ReportSink broken = new ReportSink("events", (report, correlation) -> {
            throw new NoClassDefFoundError("io/example/Missing");
        });

        pipeline(broken, recording("traces")).onFailure(duplicateKey());

        assertEquals(List.of("traces users"), received);
        assertTrue(metrics.scrape().contains("integrity_agent_errors_total{stage=\"events\"} 1.0"));
    }

    @Test
    void aFailureWithoutViolationReachesNoSink() {
        pipeline(recording("metrics")).onFailure(new FailedExecution(
                new SQLException("connection reset", "08006"), null, null, "SELECT 1", false));

        assertTrue(received.isEmpty());
    }

    /**
     * Escaped once, by the output: the event's JSON holds {@code \\n} (one backslash), which decodes to the value
     * as sent, and the text log holds it escaped, so that no line of the log is the value's.
     */
    @Test
    void aNewlineInAValueIsEscapedOnceInTheEventAndNeverRawInTheLog() throws Exception {
        String email = "a@example.com\nWARN integrity - forged";
        StatementCapture capture = new StatementCapture();
        capture.prepared("insert into users (email, name) values (?, ?)");
        capture.parameters().setObject(1, email);
        capture.parameters().setObject(2, "Ada");
        List<ViolationReport> reports = new ArrayList<>();
        pipeline(new ReportSink("events", (report, correlation) -> reports.add(report))).onFailure(
                new FailedExecution(new SQLIntegrityConstraintViolationException("Unique index or primary key"
                        + " violation: \"PUBLIC.UK_USERS_EMAIL ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 1 */ '"
                        + email + "' )\"; SQL statement:\ninsert into users (email, name) values (?, ?) [23505-224]",
                        "23505", 23505), null, capture, null, false));

        String event = JsonLines.encode(reports.get(0));
        assertTrue(event.contains("\"email\":\"'a@example.com\\nWARN integrity - forged'\""), event);
        JsonNode decoded = new ObjectMapper().readTree(event);
        assertEquals("'" + email + "'", decoded.get("values").get("email").asText());
        assertEquals("'" + email + "'", decoded.get("parameters").get(0).asText());
        assertFalse(event.contains("\n"), event);

        String log = TextFormat.format(reports.get(0));
        assertTrue(log.contains("'a@example.com\\nWARN integrity - forged'"), log);
        for (String line : log.split("\n")) {
            assertFalse(line.startsWith("WARN"), log);
        }
    }

    @Test
    void anMdcValueIsCutLikeAnyValue() {
        List<ViolationReport> reports = new ArrayList<>();
        MDC.put("requestId", "r".repeat(300));
        try {
            pipeline(new ReportSink("events", (report, correlation) -> reports.add(report))).onFailure(duplicateKey());
        } finally {
            MDC.remove("requestId");
        }

        assertEquals("r".repeat(200) + "…(300 chars)", reports.get(0).context().get("requestId"));
    }

    private ViolationPipeline pipeline(ReportSink... sinks) {
        return new ViolationPipeline(new ReportAssembler(new ValueRenderer(200, 2000),
                new Redactor(Pattern.compile("password")), true, new CatalogLookup(Callable::call)), List.of(sinks), metrics,
                new ApplicationContext(false));
    }

    private ReportSink recording(String name) {
        return new ReportSink(name, (report, correlation) -> received.add(name + " " + report.table()));
    }

    private static FailedExecution duplicateKey() {
        return new FailedExecution(new SQLIntegrityConstraintViolationException(
                "Unique index or primary key violation: \"PUBLIC.UK_USERS_EMAIL ON PUBLIC.USERS(EMAIL NULLS FIRST)"
                        + " VALUES ( /* 1 */ 'a@example.com' )\"; SQL statement:\ninsert into users (email) values"
                        + " ('a@example.com') [23505-224]", "23505", 23505),
                null, null, "insert into users (email) values ('a@example.com')", false);
    }
}
