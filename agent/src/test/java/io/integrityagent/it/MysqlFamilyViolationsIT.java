package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.MysqlFamilyViolations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged agent against the live MariaDB server through one JDBC driver (a subclass per driver), in a
 * separate JVM: every kind of violation, explained, written as events and masked, while the application sees
 * exactly what it sees without the agent. What the two drivers do differently is tested in the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MysqlFamilyViolationsIT {

    static final int VIOLATIONS = 19;

    AgentProcess.Result withAgent;
    AgentProcess.Result withoutAgent;
    Events events;

    /** The driver's URL of the server's {@code test} database. */
    abstract String url();

    /** The driver's artifactId. */
    abstract String driverLibrary();

    /** The {@code db} the events must name: the driver's system. */
    abstract String system();

    /** Options for the connection whose batches must report the failing entry by their update counts. */
    abstract String countedBatchOptions();

    @BeforeAll
    void runTheApplicationWithAndWithoutTheAgent() throws Exception {
        LiveServers.requireMariadb();
        String database = "ia_it_" + system() + "_" + ProcessHandle.current().pid();
        Path eventsFile = Files.createTempDirectory(system() + "-it").resolve("events.jsonl");
        withAgent = AgentProcess.app().libraries(driverLibrary())
                .agentArguments("events.file=" + eventsFile)
                .run(MysqlFamilyViolations.class, url(), database, countedBatchOptions()).assertSucceeded();
        withoutAgent = AgentProcess.app().libraries(driverLibrary()).withoutAgent()
                .run(MysqlFamilyViolations.class, url(), database, countedBatchOptions()).assertSucceeded();
        events = Events.read(eventsFile);
    }

    @Test
    void applicationSeesIdenticalExceptionsAndResults() {
        // The server numbers its connections: MariaDB Connector/J's "(conn=N)" differs from run to run anyway.
        assertEquals(withoutConnectionIds(withoutAgent.stdout), withoutConnectionIds(withAgent.stdout));
        assertTrue(withAgent.stdout.contains("RESULT successfulBatch [1, 1]"), withAgent.stdout);
        assertTrue(withAgent.stdout.contains("CAUGHT notNullColumnLeftOut java.sql.SQLException state=HY000"
                + " code=1364"), withAgent.stdout);
    }

    @Test
    void duplicateEntryNamesTheKeyItsColumnsFromTheCatalogAndTheValueSent() {
        JsonNode event = events.single("uniqueViaPreparedExecuteUpdate");
        assertEquals("unique", event.get("kind").asText());
        assertEquals(system(), event.get("db").asText());
        assertEquals("23000", event.get("sqlState").asText());
        assertEquals(1062, event.get("vendorCode").asInt());
        assertEquals("uq_users_email", event.get("constraint").asText());
        assertEquals("users", event.get("table").asText());
        assertEquals("[\"email\"]", event.get("columns").toString());
        assertEquals("{\"email\":\"'ada@example.com'\"}", event.get("values").toString());
        assertEquals("INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)",
                event.get("sql").asText());
        assertEquals("[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]", event.get("parameters").toString());
        assertTrue(event.get("batchIndex").isNull());
        assertEquals("java.sql.SQLIntegrityConstraintViolationException", event.get("exception").asText());
        assertEquals("Duplicate entry 'ada@example.com' for key 'uq_users_email'", event.get("message").asText());
        assertTrue(event.get("callSite").asText().startsWith(
                "io.integrityagent.it.apps.CommonViolations.uniqueViaPreparedExecuteUpdate(CommonViolations.java:"), event.toString());
        assertTrue(event.get("explanation").asText().contains("a row with email = 'ada@example.com' already exists,"
                + " and unique constraint uq_users_email allows each email only once"), event.toString());
        assertTrue(event.get("remedy").asText().contains("INSERT INTO users (…) VALUES (…) ON DUPLICATE KEY UPDATE"),
                event.toString());
    }

    @Test
    void plainStatementLiteralsArePairedWithTheirColumns() {
        JsonNode event = events.single("uniqueViaPlainStatementLiterals");
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)",
                event.get("sql").asText());
        assertEquals("[]", event.get("parameters").toString());
    }

    @Test
    void primaryKeyIsTheKeyNamedPrimary() {
        JsonNode event = events.single("primaryKeyDuplicate");
        assertEquals("PRIMARY", event.get("constraint").asText());
        assertEquals("customers", event.get("table").asText());
        assertEquals("[\"id\"]", event.get("columns").toString());
        assertEquals("1", event.get("values").get("id").asText());
        assertTrue(event.get("explanation").asText().contains("a row with id = 1 already exists"),
                event.toString());
    }

    @Test
    void compositeKeyGetsItsColumnsFromTheCatalogAndEachTheValueSentNotASplitOfThePrintedValue() {
        JsonNode event = events.single("compositeUniqueDuplicate");
        assertEquals("uq_memberships", event.get("constraint").asText());
        assertEquals(2, event.get("columns").size(), event.toString());
        assertEquals("Duplicate entry '1-core-api' for key 'uq_memberships'", event.get("message").asText());
        for (JsonNode column : event.get("columns")) {
            assertTrue(event.get("values").has(column.asText()), event.toString());
        }
    }

    @Test
    void missingParentNamesForeignKeyBothTablesAndTheValueSent() {
        JsonNode event = events.single("foreignKeyMissingParentViaPreparedExecute");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals(1452, event.get("vendorCode").asInt());
        assertEquals("fk_orders_customer", event.get("constraint").asText());
        assertEquals("orders", event.get("table").asText());
        assertEquals("customers", event.get("referencedTable").asText());
        assertEquals("[\"customer_id\"]", event.get("columns").toString());
        assertEquals("42", event.get("values").get("customer_id").asText());
        assertTrue(event.get("explanation").asText().contains("customers row with id = 42 that does not exist"),
                event.toString());
    }

    @Test
    void deletingAReferencedParentNamesTheReferencingTable() {
        JsonNode event = events.single("foreignKeyParentStillReferenced");
        assertEquals(1451, event.get("vendorCode").asInt());
        assertEquals("DELETE", event.get("operation").asText());
        assertEquals("customers", event.get("table").asText());
        assertEquals("1", event.get("values").get("id").asText());
        assertTrue(event.get("explanation").asText().contains("still referenced from orders.customer_id through"
                + " foreign key fk_orders_customer"), event.toString());
    }

    @Test
    void explicitNullNamesTheColumnAndTheNullSent() {
        JsonNode event = events.single("notNullBoundAsNull");
        assertEquals("not_null", event.get("kind").asText());
        assertEquals(1048, event.get("vendorCode").asInt());
        assertEquals("users", event.get("table").asText());
        assertEquals("[\"name\"]", event.get("columns").toString());
        assertEquals("NULL", event.get("values").get("name").asText());
        assertTrue(event.get("explanation").asText().contains("sent NULL"), event.toString());
    }

    @Test
    void columnLeftOutInStrictModeIsANotNullViolationThoughTheDriverThrowsAPlainException() {
        JsonNode event = events.single("notNullColumnLeftOut");
        assertEquals("not_null", event.get("kind").asText());
        assertEquals("HY000", event.get("sqlState").asText());
        assertEquals(1364, event.get("vendorCode").asInt());
        assertEquals("java.sql.SQLException", event.get("exception").asText());
        assertEquals("users", event.get("table").asText());
        assertEquals("[\"name\"]", event.get("columns").toString());
        assertEquals("Field 'name' doesn't have a default value", event.get("message").asText());
        assertTrue(event.get("explanation").asText().contains("left it out of its column list"), event.toString());
    }

    @Test
    void failedChecksNameTheConstraintAndAColumnCheckItsColumn() {
        JsonNode named = events.single("checkFailed");
        assertEquals("check", named.get("kind").asText());
        assertEquals(4025, named.get("vendorCode").asInt());
        assertEquals("ck_users_age", named.get("constraint").asText());
        assertEquals("users", named.get("table").asText());
        assertEquals("12", named.get("values").get("age").asText());

        JsonNode onColumn = events.single("columnCheckFailed");
        assertEquals("age", onColumn.get("constraint").asText());
        assertEquals("[\"age\"]", onColumn.get("columns").toString());
        assertEquals("200", onColumn.get("values").get("age").asText());
    }

    @Test
    void batchReportsTheFailingEntryWithItsOwnValues() {
        JsonNode event = events.single("batchWithFailingMiddleEntry");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("[\"11\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString());
        assertEquals("java.sql.BatchUpdateException", event.get("exception").asText());
    }

    @Test
    void plainStatementBatchShowsTheFailingStatement() {
        JsonNode event = events.single("plainStatementBatch");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("INSERT INTO orders (id, customer_id) VALUES (201, 77)", event.get("sql").asText());
        assertEquals("77", event.get("values").get("customer_id").asText());
    }

    @Test
    void exactlyOneEventThroughADelegatingWrapper() {
        JsonNode event = events.single("throughForwardingWrapper");
        assertEquals(system(), event.get("db").asText());
        assertEquals("4242", event.get("values").get("customer_id").asText());
    }

    @Test
    void secretsAreMaskedInEventsAndLogEvenWhereTheDatabaseCutThemShort() {
        JsonNode prepared = events.single("secretValues");
        assertEquals("****", prepared.get("values").get("api_token").asText());
        assertEquals("[\"2\",\"****\"]", prepared.get("parameters").toString());
        assertEquals("Duplicate entry '****' for key 'uq_api_clients_token'", prepared.get("message").asText());
        JsonNode literal = events.single("secretLiteralInPlainStatement");
        assertEquals("INSERT INTO api_clients (id, api_token) VALUES (3, '****')", literal.get("sql").asText());
        assertEquals("Duplicate entry '****' for key 'uq_api_clients_token'", literal.get("message").asText());
        JsonNode cut = events.single("longSecretCutShortByTheDatabase");
        assertEquals("Duplicate entry '7-****...' for key 'uq_client_keys_tenant'", cut.get("message").asText());
        assertEquals("****", cut.get("values").get("api_token").asText());
        for (String secret : List.of(MysqlFamilyViolations.SHORT_TOKEN, MysqlFamilyViolations.LONG_TOKEN.substring(0, 12),
                "hunter2-twin", "s3cret-ada")) {
            assertFalse(events.all().toString().contains(secret), "events leak " + secret);
            assertFalse(withAgent.stderr.contains(secret), "log leaks " + secret);
        }
    }

    @Test
    void noEventForSuccessfulStatementsOrErrorsThatAreNotViolations() {
        assertTrue(events.from("successfulStatements").isEmpty());
        assertTrue(events.from("syntaxError").isEmpty());
        assertTrue(events.from("subqueryReturnsMoreThanOneRow").isEmpty());
    }

    @Test
    void everyViolationIsOneEvent() {
        assertEquals(VIOLATIONS, events.all().size(), events.all().stream().map(e -> e.get("callSite").asText())
                .collect(Collectors.joining("\n")));
    }

    @Test
    void explanationIsWrittenToStderr() {
        assertTrue(withAgent.stderr.contains("WARN integrity - Integrity violation: unique constraint uq_users_email"
                + " on users(email) refused an INSERT"), withAgent.stderr);
    }

    private static String withoutConnectionIds(String text) {
        return text.replaceAll("\\(conn=\\d+\\)", "(conn=N)");
    }
}
