package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent on embedded Derby (in memory), in a separate JVM. Derby's exceptions name constraint and
 * table through accessors; the table is the one the statement changed, so a DELETE of a referenced row names
 * the parent. Its batches stop at the failing entry, which the short update counts tell.
 */
class DerbyViolationsIT {

    /** Derby compiles each statement into a class named by a fresh UUID, which stack traces show. */
    private static final Pattern GENERATED_CLASS = Pattern.compile("org\\.apache\\.derby\\.exe\\.a[0-9a-fx]+");

    private static EmbeddedRun run;

    @BeforeAll
    static void runTheApplicationWithAndWithoutTheAgent() throws Exception {
        run = EmbeddedRun.of("derby", "derby", "derbyshared");
    }

    @Test
    void applicationSeesIdenticalExceptionsAndResults() {
        assertEquals(withoutGeneratedClassNames(run.withoutAgent.stdout),
                withoutGeneratedClassNames(run.withAgent.stdout));
        assertTrue(run.withAgent.stdout.contains("RESULT successfulBatch [1, 1]"), run.withAgent.stdout);
        assertTrue(run.withAgent.stdout.contains("RESULT rowsKept 1 10 50 51 52 100 200"), run.withAgent.stdout);
    }

    @Test
    void derbyWritesNoLogIntoTheWorkingDirectory() {
        assertFalse(Files.exists(Path.of("derby.log")));
    }

    @Test
    void uniqueConstraintIsNamedByTheAccessorsAndItsColumnsByTheBackingIndexInTheCatalog() {
        JsonNode event = run.events.single("uniqueViaPreparedExecuteUpdate");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("derby", event.get("db").asText());
        assertEquals("23505", event.get("sqlState").asText());
        assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText());
        assertEquals("USERS", event.get("table").asText());
        assertEquals("[\"EMAIL\"]", event.get("columns").toString(), "Derby's system-named index gives them");
        assertEquals("{\"EMAIL\":\"'ada@example.com'\"}", event.get("values").toString());
        assertEquals("[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]",
                event.get("parameters").toString());
        assertEquals("org.apache.derby.shared.common.error.DerbySQLIntegrityConstraintViolationException",
                event.get("exception").asText());
        assertTrue(event.get("remedy").asText().contains("MERGE INTO USERS USING SYSIBM.SYSDUMMY1 ON EMAIL = ?"
                + " WHEN MATCHED"), event.toString());
        assertTrue(event.get("remedy").asText().endsWith("tell the caller the EMAIL is taken."), event.toString());
    }

    @Test
    void primaryKeyAndUniqueIndexAreNamed() {
        JsonNode primaryKey = run.events.single("primaryKeyViaPreparedExecute");
        assertEquals("PK_CUSTOMERS", primaryKey.get("constraint").asText());
        assertEquals("CUSTOMERS", primaryKey.get("table").asText());
        assertEquals("1", primaryKey.get("values").get("ID").asText());
        JsonNode index = run.events.single("uniqueIndexViolated");
        assertEquals("IX_TAGS_LABEL", index.get("constraint").asText());
        assertEquals("TAGS", index.get("table").asText());
        assertEquals("'urgent'", index.get("values").get("LABEL").asText());
    }

    @Test
    void plainStatementLiteralsArePairedWithTheirColumns() {
        JsonNode event = run.events.single("uniqueViaPlainStatementLiterals");
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("[]", event.get("parameters").toString());
    }

    @Test
    void missingParentNamesForeignKeyAndChildTable() {
        JsonNode event = run.events.single("foreignKeyMissingParentViaPreparedExecute");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("FK_ORDERS_CUSTOMER", event.get("constraint").asText());
        assertEquals("ORDERS", event.get("table").asText());
        assertEquals("42", event.get("values").get("CUSTOMER_ID").asText());
    }

    @Test
    void deletingAReferencedParentNamesTheParentAndTheCatalogNamesTheReferencingColumn() {
        JsonNode event = run.events.single("foreignKeyParentStillReferenced");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("FK_ORDERS_CUSTOMER", event.get("constraint").asText());
        assertEquals("CUSTOMERS", event.get("table").asText());
        assertEquals("CUSTOMERS", event.get("referencedTable").asText());
        assertEquals("ORDERS", event.get("referencingTable").asText());
        assertEquals("1", event.get("values").get("ID").asText());
        assertTrue(event.get("explanation").asText().contains("the row with ID = 1 is still referenced from"
                + " ORDERS.CUSTOMER_ID through foreign key FK_ORDERS_CUSTOMER"), event.toString());
    }

    @Test
    void notNullNamesTheColumn() {
        JsonNode sentNull = run.events.single("notNullBoundAsNull");
        assertEquals("not_null", sentNull.get("kind").asText());
        assertEquals("java.sql.SQLIntegrityConstraintViolationException", sentNull.get("exception").asText());
        assertEquals("USERS", sentNull.get("table").asText());
        assertEquals("[\"NAME\"]", sentNull.get("columns").toString());
        assertEquals("NULL", sentNull.get("values").get("NAME").asText());
        JsonNode leftOut = run.events.single("notNullColumnLeftOut");
        assertTrue(leftOut.get("explanation").asText().contains("left it out of its column list"),
                leftOut.toString());
    }

    @Test
    void failedCheckNamesTheConstraintAndTheValuesSent() {
        JsonNode event = run.events.single("checkFailed");
        assertEquals("check", event.get("kind").asText());
        assertEquals("23513", event.get("sqlState").asText());
        assertEquals("CK_USERS_AGE", event.get("constraint").asText());
        assertEquals("USERS", event.get("table").asText());
        assertEquals("12", event.get("values").get("AGE").asText());
    }

    @Test
    void batchStopsAtTheFailingEntryWhichTheShortUpdateCountsName() {
        assertTrue(run.withAgent.stdout.contains("CAUGHT batchWithFailingMiddleEntry java.sql.BatchUpdateException"
                + " state=23505 code=30000 counts=[1]"), run.withAgent.stdout);
        JsonNode event = run.events.single("batchWithFailingMiddleEntry");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText());
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("[\"11\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString(),
                "the values bound before Derby's addBatch cleared them");
    }

    @Test
    void plainStatementBatchShowsTheFailingStatement() {
        JsonNode event = run.events.single("plainStatementBatch");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("INSERT INTO orders (id, customer_id) VALUES (201, 77)", event.get("sql").asText());
        assertEquals("77", event.get("values").get("CUSTOMER_ID").asText());
    }

    @Test
    void exactlyOneEventThroughADelegatingWrapper() {
        JsonNode event = run.events.single("throughForwardingWrapper");
        assertEquals("4242", event.get("values").get("CUSTOMER_ID").asText());
    }

    @Test
    void secretValuesAreMaskedInEventsLogAndMetrics() {
        JsonNode prepared = run.events.single("secretValues");
        assertEquals("****", prepared.get("values").get("API_TOKEN").asText());
        assertEquals("[\"2\",\"****\"]", prepared.get("parameters").toString());
        JsonNode literal = run.events.single("secretLiteralInPlainStatement");
        assertEquals("INSERT INTO api_clients (id, api_token) VALUES (3, '****')", literal.get("sql").asText());
        for (String secret : List.of("tok-9f8e7d6c5b4a", "hunter2-twin", "s3cret-ada")) {
            assertFalse(run.events.all().toString().contains(secret), "events leak " + secret);
            assertFalse(run.withAgent.stderr.contains(secret), "log leaks " + secret);
            assertFalse(run.metrics.contains(secret), "metrics leak " + secret);
        }
    }

    @Test
    void everyViolationIsOneEventAndOneCountAndNothingElseIs() {
        assertTrue(run.events.from("successfulStatements").isEmpty());
        assertTrue(run.events.from("syntaxError").isEmpty());
        assertEquals(14, run.events.all().size());
        assertEquals(14, run.totalOf("db_integrity_violations_total"), run.metrics);
        assertEquals(0, run.totalOf("integrity_agent_errors_total"), "the agent failed internally:\n" + run.metrics);
    }

    private static String withoutGeneratedClassNames(String output) {
        return GENERATED_CLASS.matcher(output).replaceAll("org.apache.derby.exe.<generated>");
    }
}
