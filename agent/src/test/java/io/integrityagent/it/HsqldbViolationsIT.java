package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent on HSQLDB (in memory), in a separate JVM. HSQLDB names the constraint and table of every
 * violation, and the column of a NOT NULL one, but never the columns of a key: the values are then every
 * column the statement sent. Its batches stop at the failing entry, which the short update counts tell.
 */
class HsqldbViolationsIT {

    private static EmbeddedRun run;

    @BeforeAll
    static void runTheApplicationWithAndWithoutTheAgent() throws Exception {
        run = EmbeddedRun.of("hsqldb", "hsqldb");
    }

    @Test
    void applicationSeesIdenticalExceptionsAndResults() {
        assertEquals(run.withoutAgent.stdout, run.withAgent.stdout);
        assertTrue(run.withAgent.stdout.contains("RESULT successfulBatch [1, 1]"), run.withAgent.stdout);
        assertTrue(run.withAgent.stdout.contains("RESULT rowsKept 1 10 50 51 52 100 200"), run.withAgent.stdout);
    }

    @Test
    void uniqueConstraintIsNamedWithItsTableAndTheCatalogNamesItsColumn() {
        JsonNode event = run.events.single("uniqueViaPreparedExecuteUpdate");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("hsqldb", event.get("db").asText());
        assertEquals("23505", event.get("sqlState").asText());
        assertEquals(-104, event.get("vendorCode").asInt());
        assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText());
        assertEquals("USERS", event.get("table").asText());
        assertEquals("[\"EMAIL\"]", event.get("columns").toString(), "HSQLDB does not say; its catalog does");
        assertEquals("{\"EMAIL\":\"'ada@example.com'\"}", event.get("values").toString());
        assertEquals("[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]",
                event.get("parameters").toString());
        assertTrue(event.get("remedy").asText().startsWith("Look the row up by EMAIL before inserting, or use"
                + " HSQLDB's MERGE INTO USERS USING"), event.toString());
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
        assertEquals("TAGS", index.get("table").asText(), "the index message names no table: the SQL's, folded");
        assertEquals("'urgent'", index.get("values").get("LABEL").asText());
    }

    @Test
    void plainStatementLiteralsArePairedWithTheirColumns() {
        JsonNode event = run.events.single("uniqueViaPlainStatementLiterals");
        assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText());
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("[]", event.get("parameters").toString());
    }

    @Test
    void missingParentNamesForeignKeyChildTableAndFromTheCatalogTheParent() {
        JsonNode event = run.events.single("foreignKeyMissingParentViaPreparedExecute");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("23503", event.get("sqlState").asText());
        assertEquals("FK_ORDERS_CUSTOMER", event.get("constraint").asText());
        assertEquals("ORDERS", event.get("table").asText());
        assertEquals("[\"CUSTOMER_ID\"]", event.get("columns").toString());
        assertEquals("CUSTOMERS", event.get("referencedTable").asText());
        assertEquals("{\"CUSTOMER_ID\":\"42\"}", event.get("values").toString());
    }

    @Test
    void deletingAReferencedParentIsNamedByTheParentAndExplainedByTheChild() {
        JsonNode event = run.events.single("foreignKeyParentStillReferenced");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("23504", event.get("sqlState").asText());
        assertEquals("FK_ORDERS_CUSTOMER", event.get("constraint").asText());
        assertEquals("CUSTOMERS", event.get("table").asText());
        assertEquals("ORDERS", event.get("referencingTable").asText());
        assertTrue(event.get("explanation").asText().contains("the row with ID = 1 is still referenced from"
                + " ORDERS.CUSTOMER_ID through foreign key FK_ORDERS_CUSTOMER"), event.toString());
    }

    @Test
    void notNullNamesItsConstraintAndColumn() {
        JsonNode sentNull = run.events.single("notNullBoundAsNull");
        assertEquals("not_null", sentNull.get("kind").asText());
        assertTrue(sentNull.get("constraint").asText().startsWith("SYS_CT_"), sentNull.toString());
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
        assertEquals("CK_USERS_AGE", event.get("constraint").asText());
        assertEquals("USERS", event.get("table").asText());
        assertEquals("12", event.get("values").get("AGE").asText());
    }

    @Test
    void batchStopsAtTheFailingEntryWhichTheShortUpdateCountsName() {
        assertTrue(run.withAgent.stdout.contains("CAUGHT batchWithFailingMiddleEntry java.sql.BatchUpdateException"
                + " state=23505 code=-104 counts=[1]"), run.withAgent.stdout);
        JsonNode event = run.events.single("batchWithFailingMiddleEntry");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("UQ_USERS_EMAIL", event.get("constraint").asText());
        assertEquals("'ada@example.com'", event.get("values").get("EMAIL").asText());
        assertEquals("[\"11\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString());
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
}
