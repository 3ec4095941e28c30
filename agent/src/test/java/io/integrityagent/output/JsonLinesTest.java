package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldRoundTripsInDocumentedOrder() throws Exception {
        String line = JsonLines.encode(Reports.uniqueViolation());
        JsonNode json = JSON.readTree(line);

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("timestamp", "kind", "db", "sqlState", "vendorCode", "constraint", "index", "table", "columns",
                "values", "referencedTable", "referencingTable", "sql", "parameters", "batchIndex", "failingEntry", "operation", "exception", "message",
                "callSite", "traceId", "spanId", "context", "explanation", "lookup", "remedy", "handling"), names);

        assertEquals("2025-03-04T05:06:07.123Z", json.get("timestamp").asText());
        assertEquals("unique", json.get("kind").asText());
        assertEquals("h2database", json.get("db").asText());
        assertEquals("23505", json.get("sqlState").asText());
        assertTrue(json.get("vendorCode").isInt());
        assertEquals(23505, json.get("vendorCode").asInt());
        assertEquals("uk_users_email", json.get("constraint").asText());
        assertTrue(json.get("index").isNull());
        assertEquals("users", json.get("table").asText());
        assertEquals(JSON.readTree("[\"email\"]"), json.get("columns"));
        assertEquals(JSON.readTree("{\"email\":\"'ann@example.com'\"}"), json.get("values"));
        assertTrue(json.get("referencedTable").isNull());
        assertEquals("INSERT INTO users (id, email) VALUES (?, ?)", json.get("sql").asText());
        assertEquals(JSON.readTree("[\"7\",\"'ann@example.com'\"]"), json.get("parameters"));
        assertEquals(3, json.get("batchIndex").asInt());
        assertEquals("INSERT", json.get("operation").asText());
        assertEquals("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException", json.get("exception").asText());
        assertEquals("Unique index or primary key violation", json.get("message").asText());
        assertEquals("com.example.UserRepository.save(UserRepository.java:42)", json.get("callSite").asText());
        assertEquals("email 'ann@example.com' is already taken in users", json.get("explanation").asText());
        assertEquals("SELECT * FROM users WHERE email = 'ann@example.com'", json.get("lookup").asText());
        assertEquals("Check for an existing user before inserting", json.get("remedy").asText());
        assertEquals(JSON.readTree("{\"stack\":\"spring-jdbc\",\"thrown\":\"org.springframework.dao.DuplicateKeyException\","
                + "\"catch\":\"org.springframework.dao.DuplicateKeyException\",\"cause\":null,\"test\":null,"
                + "\"surfaces\":\"statement\",\"rollback\":\"none\",\"advice\":\"Catch DuplicateKeyException.\"}"),
                json.get("handling"));
    }

    @Test
    void theTraceAndTheMdcAreWrittenAsGiven() throws Exception {
        ViolationReport report = ViolationReport.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .spanId("00f067aa0ba902b7").context(java.util.Map.of("requestId", "req-\"42\"")).build();

        JsonNode json = JSON.readTree(JsonLines.encode(report));

        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", json.get("traceId").asText());
        assertEquals("00f067aa0ba902b7", json.get("spanId").asText());
        assertEquals(JSON.readTree("{\"requestId\":\"req-\\\"42\\\"\"}"), json.get("context"));
    }

    @Test
    void unknownFieldsAreWrittenAsNullNotOmitted() throws Exception {
        ViolationReport sparse = ViolationReport.builder().kind(ViolationKind.NOT_NULL).timestamp(null).build();

        JsonNode json = JSON.readTree(JsonLines.encode(sparse));

        assertEquals(27, json.size());
        assertEquals("not_null", json.get("kind").asText());
        for (String field : List.of("timestamp", "db", "sqlState", "vendorCode", "constraint", "index", "table",
                "referencedTable", "referencingTable", "sql", "parameters", "batchIndex", "failingEntry", "operation",
                "exception", "message", "callSite", "traceId", "spanId", "context", "explanation", "lookup", "remedy",
                "handling")) {
            assertTrue(json.get(field).isNull(), field);
        }
        assertEquals(0, json.get("columns").size());
        assertEquals(0, json.get("values").size());
    }

    @Test
    void controlCharactersQuotesBackslashesAndLineSeparatorsAreEscaped() throws Exception {
        String hostile = "line1\nline2\r\n\t\"quoted\" back\\slash \u0000\u0001\u001f\u007f\u0085 \u2028\u2029 \b\f é ✓";
        ViolationReport report = ViolationReport.builder()
                .message(hostile)
                .sql(hostile)
                .columns(List.of(hostile))
                .value(hostile, hostile)
                .parameters(List.of(hostile))
                .build();

        String line = JsonLines.encode(report);

        for (char c : line.toCharArray()) {
            assertFalse(Character.isISOControl(c) || c == '\u2028' || c == '\u2029',
                    () -> "raw U+" + Integer.toHexString(c) + " in " + line);
        }
        assertTrue(line.contains("line1\\nline2\\r\\n\\t\\\"quoted\\\" back\\\\slash \\u0000\\u0001\\u001f"), line);
        assertTrue(line.contains("\\u2028\\u2029 \\b\\f é ✓"), line);

        JsonNode json = JSON.readTree(line);
        assertEquals(hostile, json.get("message").asText());
        assertEquals(hostile, json.get("sql").asText());
        assertEquals(hostile, json.get("columns").get(0).asText());
        assertEquals(hostile, json.get("values").get(hostile).asText());
        assertEquals(hostile, json.get("parameters").get(0).asText());
    }

    @Test
    void failingEntryToldFromTheEchoedValuesIsWrittenInTheEventAndTheLog() throws Exception {
        String note = "the failing entry could not be told apart: entries 0 and 2 (0-based) both carry email = 'z@x'";
        ViolationReport report = ViolationReport.builder().kind(ViolationKind.UNIQUE).db("mariadb").sqlState("23000")
                .exception("java.sql.BatchUpdateException").failingEntry(note).build();

        assertEquals(note, JSON.readTree(JsonLines.encode(report)).get("failingEntry").asText());
        assertTrue(TextFormat.format(report).contains("\n  entry:      " + note), TextFormat.format(report));
    }

    @Test
    void theShownFormHoldsTheSameFieldsWithEachTextAsTheTextLogShowsIt() throws Exception {
        ViolationReport plain = Reports.uniqueViolation();
        assertEquals(JsonLines.encode(plain), JsonLines.encodeShown(plain));

        ViolationReport hostile = ViolationReport.builder().kind(ViolationKind.UNIQUE).sql("INSERT\nINTO t")
                .value("na\u202eme", "'a\u2066b'").parameters(java.util.List.of("'x\ty'")).build();
        JsonNode shown = JSON.readTree(JsonLines.encodeShown(hostile));

        assertEquals("INSERT\\nINTO t", shown.get("sql").asText());
        assertEquals("'a\\u2066b'", shown.get("values").get("na\\u202eme").asText());
        assertEquals("'x\\ty'", shown.get("parameters").get(0).asText());
    }

    @Test
    void nullRenderedValueStaysNull() throws Exception {
        ViolationReport report = ViolationReport.builder().value("email", null).build();

        JsonNode values = JSON.readTree(JsonLines.encode(report)).get("values");

        assertTrue(values.has("email"));
        assertTrue(values.get("email").isNull());
    }
}
