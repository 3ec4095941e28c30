package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent on SQLite (xerial sqlite-jdbc, in memory), in a separate JVM. SQLite reports no SQLSTATE
 * and one error code for every constraint; the agent tells the kind from the extended result code, takes table
 * and columns from the message, and the values from what the application sent. A foreign-key failure says
 * nothing more than that, so only the statement tells table and side.
 */
class SqliteViolationsIT {

    private static EmbeddedRun run;

    @BeforeAll
    static void runTheApplicationWithAndWithoutTheAgent() throws Exception {
        run = EmbeddedRun.of("sqlite", "sqlite-jdbc");
    }

    @Test
    void applicationSeesIdenticalExceptionsAndResults() {
        assertEquals(run.withoutAgent.stdout, run.withAgent.stdout);
        assertTrue(run.withAgent.stdout.contains("RESULT successfulBatch [1, 1]"), run.withAgent.stdout);
        assertTrue(run.withAgent.stdout.contains("RESULT rowsKept 1 10 50 51 52 100 200"), run.withAgent.stdout);
    }

    @Test
    void uniqueViolationWithoutSqlStateIsRecognisedAndNamesTableColumnAndSentValue() {
        JsonNode event = run.events.single("uniqueViaPreparedExecuteUpdate");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("sqlite", event.get("db").asText());
        assertTrue(event.get("sqlState").isNull());
        assertEquals(19, event.get("vendorCode").asInt());
        assertTrue(event.get("constraint").isNull(), "SQLite never names a unique constraint");
        assertEquals("users", event.get("table").asText());
        assertEquals("[\"email\"]", event.get("columns").toString());
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]",
                event.get("parameters").toString());
        assertEquals("org.sqlite.SQLiteException", event.get("exception").asText());
        assertTrue(event.get("explanation").asText().contains("a row with email = 'ada@example.com' already exists"),
                event.toString());
        assertTrue(event.get("remedy").asText().contains("ON CONFLICT (email) DO UPDATE SET"), event.toString());
    }

    @Test
    void primaryKeyAndUniqueIndexAreUniqueViolationsOnTheirColumns() {
        JsonNode primaryKey = run.events.single("primaryKeyViaPreparedExecute");
        assertEquals("unique", primaryKey.get("kind").asText());
        assertEquals("customers", primaryKey.get("table").asText());
        assertEquals("[\"id\"]", primaryKey.get("columns").toString());
        assertEquals("1", primaryKey.get("values").get("id").asText());
        JsonNode index = run.events.single("uniqueIndexViolated");
        assertEquals("tags", index.get("table").asText());
        assertEquals("'urgent'", index.get("values").get("label").asText());
    }

    @Test
    void plainStatementLiteralsArePairedWithTheirColumns() {
        JsonNode event = run.events.single("uniqueViaPlainStatementLiterals");
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)",
                event.get("sql").asText());
        assertEquals("[]", event.get("parameters").toString());
    }

    @Test
    void missingParentIsCompletedFromTheTablesOnlyForeignKeyInTheCatalog() {
        JsonNode event = run.events.single("foreignKeyMissingParentViaPreparedExecute");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("orders", event.get("table").asText());
        assertEquals("fk_orders_customer", event.get("constraint").asText(), "SQLite's message names nothing");
        assertEquals("customers", event.get("referencedTable").asText());
        assertEquals("[\"customer_id\"]", event.get("columns").toString());
        assertEquals("{\"customer_id\":\"42\"}", event.get("values").toString());
        assertTrue(event.get("explanation").asText().contains("customer_id = 42 refers to a customers row with"
                + " id = 42 that does not exist"), event.toString());
    }

    @Test
    void deleteOfAReferencedParentIsToldByTheStatement() {
        JsonNode event = run.events.single("foreignKeyParentStillReferenced");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("DELETE", event.get("operation").asText());
        assertEquals("customers", event.get("table").asText());
        assertEquals("orders", event.get("referencingTable").asText());
        assertTrue(event.get("explanation").asText().contains("the row with id = 1 is still referenced from"
                + " orders.customer_id through foreign key fk_orders_customer"), event.toString());
    }

    @Test
    void notNullNamesTheColumnAndWhetherNullWasSentOrTheColumnLeftOut() {
        JsonNode sentNull = run.events.single("notNullBoundAsNull");
        assertEquals("not_null", sentNull.get("kind").asText());
        assertEquals("users", sentNull.get("table").asText());
        assertEquals("[\"name\"]", sentNull.get("columns").toString());
        assertEquals("NULL", sentNull.get("values").get("name").asText());
        JsonNode leftOut = run.events.single("notNullColumnLeftOut");
        assertEquals("[\"name\"]", leftOut.get("columns").toString());
        assertTrue(leftOut.get("explanation").asText().contains("left it out of its column list"),
                leftOut.toString());
    }

    @Test
    void failedCheckNamesTheConstraintAndTheValuesSent() {
        JsonNode event = run.events.single("checkFailed");
        assertEquals("check", event.get("kind").asText());
        assertEquals("ck_users_age", event.get("constraint").asText());
        assertEquals("users", event.get("table").asText());
        assertEquals("12", event.get("values").get("age").asText());
    }

    @Test
    void preparedBatchFailureDoesNotTellTheEntrySoNoneIsReported() {
        JsonNode event = run.events.single("batchWithFailingMiddleEntry");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("org.sqlite.SQLiteException", event.get("exception").asText(),
                "xerial throws the plain exception, without update counts");
        assertTrue(event.get("batchIndex").isNull());
        assertTrue(event.get("parameters").isNull());
        assertEquals("{}", event.get("values").toString());
        assertEquals("[\"email\"]", event.get("columns").toString());
    }

    @Test
    void plainStatementBatchShowsTheFailingStatementItsMessageNames() {
        JsonNode event = run.events.single("plainStatementBatch");
        assertEquals("java.sql.BatchUpdateException", event.get("exception").asText());
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("INSERT INTO orders (id, customer_id) VALUES (201, 77)", event.get("sql").asText());
        assertEquals("77", event.get("values").get("customer_id").asText());
    }

    @Test
    void exactlyOneEventThroughADelegatingWrapper() {
        JsonNode event = run.events.single("throughForwardingWrapper");
        assertEquals("4242", event.get("values").get("customer_id").asText());
    }

    @Test
    void secretValuesAreMaskedInEventsLogAndMetrics() {
        JsonNode prepared = run.events.single("secretValues");
        assertEquals("****", prepared.get("values").get("api_token").asText());
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
