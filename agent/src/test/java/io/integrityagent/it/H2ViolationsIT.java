package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.H2Violations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent on H2, in a separate JVM: every kind of violation, through every way of executing a
 * statement, explained in the log, written as events and counted — while the application sees exactly what
 * it sees without the agent.
 */
class H2ViolationsIT {

    private static final int REPEATS = 25;

    private static AgentProcess.Result withAgent;
    private static AgentProcess.Result withoutAgent;
    private static Events events;
    private static String metrics;

    @BeforeAll
    static void runTheApplicationWithAndWithoutTheAgent() throws Exception {
        Path eventsFile = Files.createTempDirectory("h2-it").resolve("events.jsonl");
        Path metricsFile = Files.createTempDirectory("h2-it").resolve("metrics.txt");
        int port = AgentProcess.freePort();
        withAgent = AgentProcess.app().libraries("h2")
                .agentArguments("events.file=" + eventsFile + ",prometheus.port=" + port + ",log.summary.interval=1")
                .scrapeMetricsInto(port, metricsFile)
                .run(H2Violations.class, String.valueOf(REPEATS), "2500").assertSucceeded();
        withoutAgent = AgentProcess.app().libraries("h2").withoutAgent()
                .run(H2Violations.class, String.valueOf(REPEATS)).assertSucceeded();
        events = Events.read(eventsFile);
        metrics = Files.readString(metricsFile);
    }

    @Test
    void applicationSeesIdenticalExceptionsAndResults() {
        assertEquals(withoutAgent.stdout, withAgent.stdout);
        assertTrue(withAgent.stdout.contains("RESULT successfulBatch [1, 1]"), withAgent.stdout);
    }

    @Test
    void uniqueViolationFromPreparedStatementNamesConstraintTableColumnAndSentValue() {
        JsonNode event = events.single("uniqueViaPreparedExecuteUpdate");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("h2database", event.get("db").asText());
        assertEquals("23505", event.get("sqlState").asText());
        assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText());
        assertEquals("USERS", event.get("table").asText());
        assertEquals("[\"EMAIL\"]", event.get("columns").toString());
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("INSERT", event.get("operation").asText());
        assertEquals("INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)",
                event.get("sql").asText());
        assertEquals("[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]",
                event.get("parameters").toString());
        assertTrue(event.get("batchIndex").isNull());
        assertEquals("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException", event.get("exception").asText());
        assertTrue(event.get("callSite").asText().startsWith(
                "io.integrityagent.it.apps.CommonViolations.uniqueViaPreparedExecuteUpdate(CommonViolations.java:"), event.toString());
        assertTrue(event.get("explanation").asText().contains("EMAIL = 'ada@example.com' already exists"),
                event.toString());
        assertTrue(event.get("remedy").asText().contains("MERGE INTO USERS"), event.toString());
    }

    @Test
    void plainStatementLiteralsArePairedWithTheirColumns() {
        JsonNode event = events.single("uniqueViaPlainStatementLiterals");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)",
                event.get("sql").asText());
        assertEquals("[]", event.get("parameters").toString());
    }

    @Test
    void missingParentNamesForeignKeyReferencedTableAndTheValueSent() {
        JsonNode event = events.single("foreignKeyMissingParentViaPreparedExecute");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("FK_ORDERS_CUSTOMER", event.get("constraint").asText());
        assertEquals("ORDERS", event.get("table").asText());
        assertEquals("CUSTOMERS", event.get("referencedTable").asText());
        assertEquals("[\"CUSTOMER_ID\"]", event.get("columns").toString());
        assertEquals("42", event.get("values").get("CUSTOMER_ID").asText());
        assertTrue(event.get("explanation").asText().contains("CUSTOMERS row with ID = 42 that does not exist"),
                event.toString());
    }

    @Test
    void deletingAReferencedParentNamesTheReferencingTable() {
        JsonNode event = events.single("foreignKeyParentStillReferenced");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("DELETE", event.get("operation").asText());
        assertEquals("CUSTOMERS", event.get("table").asText());
        assertEquals("1", event.get("values").get("ID").asText());
        assertTrue(event.get("explanation").asText().contains("still referenced from ORDERS.CUSTOMER_ID"),
                event.toString());
    }

    @Test
    void notNullNamesTheColumnAndWhetherNullWasSentOrTheColumnLeftOut() {
        JsonNode sentNull = events.single("notNullBoundAsNull");
        assertEquals("not_null", sentNull.get("kind").asText());
        assertEquals("USERS", sentNull.get("table").asText());
        assertEquals("[\"NAME\"]", sentNull.get("columns").toString());
        assertEquals("NULL", sentNull.get("values").get("NAME").asText());
        assertTrue(sentNull.get("explanation").asText().contains("sent NULL"), sentNull.toString());

        JsonNode leftOut = events.single("notNullColumnLeftOut");
        assertEquals("[\"NAME\"]", leftOut.get("columns").toString());
        assertTrue(leftOut.get("explanation").asText().contains("left it out of its column list"),
                leftOut.toString());
    }

    @Test
    void failedCheckNamesTheConstraintAndTheValuesSent() {
        JsonNode event = events.single("checkFailed");
        assertEquals("check", event.get("kind").asText());
        assertEquals("23513", event.get("sqlState").asText());
        assertEquals("CK_USERS_AGE", event.get("constraint").asText());
        assertEquals("USERS", event.get("table").asText());
        assertEquals("12", event.get("values").get("AGE").asText());
        assertTrue(event.get("explanation").asText().contains("check constraint CK_USERS_AGE (\"AGE\" >= 18)"),
                "H2 leaves the condition out of its message; the catalog has it: " + event);
    }

    @Test
    void catalogIsNotAskedInsideTheApplicationsTransaction() {
        JsonNode event = events.single("checkFailedInsideTransaction");
        assertEquals("CK_USERS_AGE", event.get("constraint").asText());
        assertFalse(event.get("explanation").asText().contains(">= 18"), event.toString());
    }

    @Test
    void batchReportsTheFailingEntryWithItsOwnValues() {
        JsonNode event = events.single("batchWithFailingMiddleEntry");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("[\"11\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString());
        assertEquals("org.h2.jdbc.JdbcBatchUpdateException", event.get("exception").asText());
    }

    @Test
    void plainStatementBatchShowsTheFailingStatement() {
        JsonNode event = events.single("plainStatementBatch");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("INSERT INTO orders (id, customer_id) VALUES (201, 77)", event.get("sql").asText());
        assertEquals("77", event.get("values").get("CUSTOMER_ID").asText());
    }

    @Test
    void exactlyOneEventThroughADelegatingWrapper() {
        JsonNode event = events.single("throughForwardingWrapper");
        assertEquals("4242", event.get("values").get("CUSTOMER_ID").asText());
    }

    @Test
    void secretValuesAreMaskedInEventsLogAndMetrics() {
        JsonNode prepared = events.single("secretValues");
        assertEquals("****", prepared.get("values").get("API_TOKEN").asText());
        assertEquals("[\"2\",\"****\"]", prepared.get("parameters").toString());
        JsonNode literal = events.single("secretLiteralInPlainStatement");
        assertEquals("INSERT INTO api_clients (id, api_token) VALUES (3, '****')", literal.get("sql").asText());
        for (String secret : List.of("tok-9f8e7d6c5b4a", "hunter2-twin", "s3cret-ada")) {
            assertFalse(events.all().toString().contains(secret), "events leak " + secret);
            assertFalse(withAgent.stderr.contains(secret), "log leaks " + secret);
            assertFalse(metrics.contains(secret), "metrics leak " + secret);
        }
    }

    @Test
    void controlCharactersInABoundValueCannotForgeALogLine() {
        JsonNode event = events.single("newlineInBoundValue");
        assertEquals("'Mallory\\nWARN integrity - forged line\\r\\u001b[31m'",
                event.get("parameters").get(1).asText());
        assertTrue(withAgent.stderr.contains("'Mallory\\nWARN integrity - forged line\\r\\u001b[31m'"),
                withAgent.stderr);
        assertTrue(withAgent.stderrLines().stream().noneMatch(line -> line.startsWith("WARN integrity - forged")));
        assertFalse(withAgent.stderr.contains("\u001b"));
    }

    @Test
    void noEventForSuccessfulStatementsOrErrorsThatAreNotViolations() {
        assertTrue(events.from("successfulStatements").isEmpty());
        assertTrue(events.from("syntaxError").isEmpty());
        assertTrue(events.from("divisionByZero").isEmpty());
    }

    @Test
    void everyViolationIsOneEventAndOneCount() {
        int expected = 14 + REPEATS;
        assertEquals(expected, events.all().size(), events.all().stream().map(e -> e.get("callSite").asText())
                .collect(Collectors.joining("\n")));
        assertEquals(expected, totalOf("db_integrity_violations_total"), metrics);
        assertTrue(metrics.contains("constraint_name=\"UQ_USERS_EMAIL\""), metrics);
        assertTrue(metrics.contains("db_collection_name=\"USERS\""), metrics);
        assertTrue(metrics.contains("# HELP db_integrity_violations_total"), metrics);
        assertEquals(0, totalOf("integrity_agent_errors_total"), "the agent failed internally:\n" + metrics);
    }

    @Test
    void repeatsFromOneCallSiteAreExplainedOnceThenSummarised() {
        long explained = withAgent.stderrLines().stream()
                .filter(line -> line.contains("Integrity violation: unique constraint")
                        && line.contains("on CUSTOMERS(ID)"))
                .count();
        assertEquals(2, explained, "newlineInBoundValue and repeatedViolations each explained once");
        // The repeats may straddle a summary interval on a busy machine: the summaries' counts add up.
        Matcher summary = Pattern.compile("repeatedViolations\\(H2Violations\\.java:\\d+\\) was violated (\\d+) more"
                + " times?").matcher(withAgent.stderr);
        int summarised = 0;
        while (summary.find()) {
            summarised += Integer.parseInt(summary.group(1));
        }
        assertEquals(REPEATS - 1, summarised, withAgent.stderr);
        assertEquals(REPEATS, events.from("repeatedViolations").size());
    }

    @Test
    void explanationIsWrittenToStderrWhenTheApplicationHasNoSlf4j() {
        assertTrue(withAgent.stderr.contains("WARN integrity - Integrity violation: unique constraint"
                + " UQ_USERS_EMAIL on USERS(EMAIL) refused an INSERT"), withAgent.stderr);
        assertTrue(withAgent.stderr.contains("  sent by:    "
                + "io.integrityagent.it.apps.CommonViolations.uniqueViaPreparedExecuteUpdate(CommonViolations.java:"), withAgent.stderr);
    }

    private static long totalOf(String metric) {
        return Math.round(metrics.lines().filter(line -> line.startsWith(metric + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }
}
