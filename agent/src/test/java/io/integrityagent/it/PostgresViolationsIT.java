package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.PostgresViolations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent against the PostgreSQL server, in a separate JVM: every kind of violation PostgreSQL reports,
 * through every way of executing a statement and at commit, explained in the log, written as events and counted —
 * while the application sees exactly what it sees without the agent.
 */
class PostgresViolationsIT {

    private static final String SCHEMA = "ia_pgdialect_it_" + ProcessHandle.current().pid();

    private static AgentProcess.Result withAgent;
    private static AgentProcess.Result withoutAgent;
    private static Events events;
    private static String metrics;

    @BeforeAll
    static void runTheApplicationWithAndWithoutTheAgent() throws Exception {
        LiveServers.requirePostgresql();
        Path eventsFile = Files.createTempDirectory("pg-it").resolve("events.jsonl");
        Path metricsFile = Files.createTempDirectory("pg-it").resolve("metrics.txt");
        int port = AgentProcess.freePort();
        withAgent = AgentProcess.app().libraries("postgresql")
                .agentArguments("events.file=" + eventsFile + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, metricsFile)
                .run(PostgresViolations.class, LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER, SCHEMA)
                .assertSucceeded();
        withoutAgent = AgentProcess.app().libraries("postgresql").withoutAgent()
                .run(PostgresViolations.class, LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER, SCHEMA)
                .assertSucceeded();
        events = Events.read(eventsFile);
        metrics = Files.readString(metricsFile);
    }

    @Test
    void applicationSeesIdenticalExceptionsAndResults() {
        assertEquals(withoutAgent.stdout, withAgent.stdout);
        assertTrue(withAgent.stdout.contains("RESULT successfulBatch [1, 1]"), withAgent.stdout);
        assertTrue(withAgent.stdout.contains("RESULT successfulCommit committed"), withAgent.stdout);
    }

    @Test
    void uniqueViolationNamesConstraintTableColumnAndSentValueAndRepeatsTheServersDetail() {
        JsonNode event = events.single("uniqueViaPreparedExecuteUpdate");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("postgresql", event.get("db").asText());
        assertEquals("23505", event.get("sqlState").asText());
        assertEquals("uq_users_email", event.get("constraint").asText());
        assertEquals("users", event.get("table").asText());
        assertEquals("[\"email\"]", event.get("columns").toString());
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("INSERT", event.get("operation").asText());
        assertEquals("INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)",
                event.get("sql").asText());
        assertEquals("[\"2\",\"'Ada Twin'\",\"'ada@example.com'\",\"30\",\"****\"]",
                event.get("parameters").toString());
        assertEquals("org.postgresql.util.PSQLException", event.get("exception").asText());
        assertEquals("duplicate key value violates unique constraint \"uq_users_email\". Detail: Key (email)="
                + "(ada@example.com) already exists.", event.get("message").asText());
        assertTrue(event.get("callSite").asText().startsWith(
                "io.integrityagent.it.apps.CommonViolations.uniqueViaPreparedExecuteUpdate(CommonViolations.java:"), event.toString());
        assertTrue(event.get("remedy").asText().contains("INSERT INTO users (…) VALUES (…) ON CONFLICT (email) DO"
                + " UPDATE SET …"), event.toString());
    }

    @Test
    void primaryKeyViolationNamesTheKeyConstraint() {
        JsonNode event = events.single("primaryKeyViaPreparedExecute");
        assertEquals("unique", event.get("kind").asText());
        assertEquals("customers_pkey", event.get("constraint").asText());
        assertEquals("customers", event.get("table").asText());
        assertEquals("[\"id\"]", event.get("columns").toString());
        assertEquals("1", event.get("values").get("id").asText());
    }

    @Test
    void compositeKeyPairsEachSentValueWithItsColumn() {
        JsonNode event = events.single("compositeUniqueKey");
        assertEquals("uq_memberships_team_member", event.get("constraint").asText());
        assertEquals("memberships", event.get("table").asText());
        assertEquals("[\"team\",\"member\"]", event.get("columns").toString());
        assertEquals("{\"team\":\"'core'\",\"member\":\"'ada'\"}", event.get("values").toString());
    }

    @Test
    void plainStatementLiteralsArePairedWithTheirColumns() {
        JsonNode event = events.single("uniqueViaPlainStatementLiterals");
        assertEquals("uq_users_email", event.get("constraint").asText());
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)",
                event.get("sql").asText());
        assertEquals("[]", event.get("parameters").toString());
    }

    @Test
    void missingParentNamesForeignKeyChildTableReferencedTableAndTheValueSent() {
        JsonNode event = events.single("foreignKeyMissingParentViaPreparedExecute");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("23503", event.get("sqlState").asText());
        assertEquals("fk_orders_customer", event.get("constraint").asText());
        assertEquals("orders", event.get("table").asText());
        assertEquals("customers", event.get("referencedTable").asText());
        assertEquals("[\"customer_id\"]", event.get("columns").toString());
        assertEquals("42", event.get("values").get("customer_id").asText());
    }

    @Test
    void deletingAReferencedParentNamesTheParentKeyAndTheReferencingTable() {
        JsonNode event = events.single("foreignKeyParentStillReferenced");
        assertEquals("foreign_key", event.get("kind").asText());
        assertEquals("DELETE", event.get("operation").asText());
        assertEquals("fk_orders_customer", event.get("constraint").asText());
        assertEquals("customers", event.get("table").asText());
        assertEquals("[\"id\"]", event.get("columns").toString());
        assertEquals("1", event.get("values").get("id").asText());
        assertTrue(event.get("explanation").asText().contains("the row with id = 1 is still referenced from orders"
                + " through foreign key fk_orders_customer"), event.toString());
    }

    @Test
    void notNullNamesTableAndColumnAndWhetherNullWasSentOrTheColumnLeftOut() {
        JsonNode sentNull = events.single("notNullBoundAsNull");
        assertEquals("not_null", sentNull.get("kind").asText());
        assertEquals("users", sentNull.get("table").asText());
        assertEquals("[\"name\"]", sentNull.get("columns").toString());
        assertEquals("NULL", sentNull.get("values").get("name").asText());
        assertTrue(sentNull.get("explanation").asText().contains("sent NULL"), sentNull.toString());

        JsonNode leftOut = events.single("notNullColumnLeftOut");
        assertEquals("users", leftOut.get("table").asText());
        assertEquals("[\"name\"]", leftOut.get("columns").toString());
        assertTrue(leftOut.get("explanation").asText().contains("left it out of its column list"),
                leftOut.toString());
    }

    @Test
    void failedCheckNamesConstraintTableAndTheValuesSent() {
        JsonNode event = events.single("checkFailed");
        assertEquals("check", event.get("kind").asText());
        assertEquals("23514", event.get("sqlState").asText());
        assertEquals("ck_users_age", event.get("constraint").asText());
        assertEquals("users", event.get("table").asText());
        assertEquals("12", event.get("values").get("age").asText());
        assertEquals("new row for relation \"users\" violates check constraint \"ck_users_age\"",
                event.get("message").asText());
    }

    @Test
    void failedCheckOnUpdateDoesNotRepeatTheRowWithItsStoredPassword() {
        JsonNode event = events.single("checkFailedOnUpdate");
        assertEquals("ck_users_age", event.get("constraint").asText());
        assertEquals("UPDATE", event.get("operation").asText());
        assertEquals("{\"age\":\"12\"}", event.get("values").toString());
        assertTrue(withoutAgent.stdout.contains("Failing row contains (1, Ada, ada@example.com, 12, s3cret-ada)"),
                "the server does send the whole row");
    }

    @Test
    void exclusionNamesConstraintTableAndTheConflictingRangeSent() {
        JsonNode event = events.single("exclusionOverlappingRange");
        assertEquals("exclusion", event.get("kind").asText());
        assertEquals("23P01", event.get("sqlState").asText());
        assertEquals("ex_bookings_overlap", event.get("constraint").asText());
        assertEquals("bookings", event.get("table").asText());
        assertEquals("[\"during\"]", event.get("columns").toString());
        assertEquals("'[2024-05-01 11:00, 2024-05-01 13:00)'", event.get("values").get("during").asText());
        assertEquals("conflicting key value violates exclusion constraint \"ex_bookings_overlap\". Detail: Key"
                + " (during)=([\"2024-05-01 11:00:00\",\"2024-05-01 13:00:00\")) conflicts with existing key.",
                event.get("message").asText());
    }

    @Test
    void batchReportsTheFailingEntryWithItsOwnValues() {
        JsonNode event = events.single("batchWithFailingMiddleEntry");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("uq_users_email", event.get("constraint").asText());
        assertEquals("users", event.get("table").asText());
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
        assertEquals("[\"11\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString());
        assertEquals("java.sql.BatchUpdateException", event.get("exception").asText());
        assertTrue(withAgent.stdout.contains("counts=[-3, -3, -3]"), "the update counts alone do not tell");
    }

    @Test
    void batchEntryAndDetailAreKnownAlsoWhenPgjdbcKeepsThemOutOfItsMessages() {
        assertTrue(withAgent.stdout.contains("Batch entry 1 <unknown> was aborted"), withAgent.stdout);
        JsonNode event = events.single("batchWithoutServerDetailInMessages");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("customers_pkey", event.get("constraint").asText());
        assertEquals("[\"1\",\"'Quiet 1'\"]", event.get("parameters").toString());
        assertEquals("1", event.get("values").get("id").asText());
        assertEquals("duplicate key value violates unique constraint \"customers_pkey\". Detail: Key (id)=(1)"
                + " already exists.", event.get("message").asText());
    }

    @Test
    void batchRewrittenIntoMultiRowInsertsIsToldTheFailingEntryByTheKeyInTheDetail() {
        assertTrue(withAgent.stdout.contains("Batch entry 0 INSERT INTO customers (id, name) VALUES"),
                withAgent.stdout);
        JsonNode event = events.single("batchRewrittenIntoMultiRowInserts");
        assertEquals(1, event.get("batchIndex").asInt(), event.toString());
        assertEquals("[\"1\",\"'Rewritten 1'\"]", event.get("parameters").toString());
        assertEquals("the driver did not say which entry failed; entry 1 (0-based) is the only one that carries"
                + " id = 1", event.get("failingEntry").asText());
        assertEquals("customers_pkey", event.get("constraint").asText());
        assertEquals("1", event.get("values").get("id").asText());
    }

    @Test
    void plainStatementBatchShowsTheFailingStatement() {
        JsonNode event = events.single("plainStatementBatch");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("fk_orders_customer", event.get("constraint").asText());
        assertEquals("INSERT INTO orders (id, customer_id) VALUES (201, 77)", event.get("sql").asText());
        assertEquals("77", event.get("values").get("customer_id").asText());
    }

    @Test
    void exactlyOneEventThroughADelegatingWrapper() {
        JsonNode event = events.single("throughForwardingWrapper");
        assertEquals("fk_orders_customer", event.get("constraint").asText());
        assertEquals("4242", event.get("values").get("customer_id").asText());
    }

    @Test
    void deferredForeignKeyIsReportedOnceAtCommitWithCommitAsTheStatement() {
        for (String scenario : List.of("deferredForeignKeyAtCommit", "deferredForeignKeyAtCommitThroughWrapper",
                "deferredForeignKeyWhenAutocommitIsSwitchedOn")) {
            JsonNode event = events.single(scenario);
            assertEquals("foreign_key", event.get("kind").asText());
            assertEquals("COMMIT", event.get("operation").asText());
            assertEquals("COMMIT", event.get("sql").asText());
            assertEquals("[]", event.get("parameters").toString());
            assertEquals("fk_shipments_order", event.get("constraint").asText());
            assertEquals("shipments", event.get("table").asText());
            assertEquals("orders", event.get("referencedTable").asText());
            assertEquals("[\"order_id\"]", event.get("columns").toString());
        }
        assertEquals("999", events.single("deferredForeignKeyAtCommit").get("values").get("order_id").asText());
        assertEquals("998", events.single("deferredForeignKeyAtCommitThroughWrapper").get("values").get("order_id")
                .asText());
        assertEquals("997", events.single("deferredForeignKeyWhenAutocommitIsSwitchedOn").get("values")
                .get("order_id").asText());
    }

    @Test
    void secretValuesAreMaskedInEventsLogAndMetricsAlsoWhenOnlyTheServerStatesThem() {
        JsonNode prepared = events.single("secretValues");
        assertEquals("uq_api_clients_token", prepared.get("constraint").asText());
        assertEquals("****", prepared.get("values").get("api_token").asText());
        assertEquals("[\"2\",\"****\"]", prepared.get("parameters").toString());
        assertTrue(prepared.get("message").asText().endsWith("Detail: Key (api_token)=(****) already exists."));
        JsonNode literal = events.single("secretLiteralInPlainStatement");
        assertEquals("INSERT INTO api_clients (id, api_token) VALUES (3, '****')", literal.get("sql").asText());
        JsonNode serverOnly = events.single("secretKnownOnlyToTheDatabase");
        assertEquals("fk_token_grants_client", serverOnly.get("constraint").asText());
        assertEquals("api_clients", serverOnly.get("table").asText());
        assertEquals("****", serverOnly.get("values").get("api_token").asText());
        assertTrue(serverOnly.get("message").asText().endsWith(
                "Detail: Key (api_token)=(****) is still referenced from table \"token_grants\"."),
                serverOnly.toString());
        for (String echoed : List.of("tok-9f8e7d6c5b4a", "s3cret-ada")) {
            assertTrue(withoutAgent.stdout.contains(echoed), "the server's messages carry " + echoed);
        }
        for (String secret : List.of("tok-9f8e7d6c5b4a", "hunter2-twin", "s3cret-ada")) {
            assertFalse(events.all().toString().contains(secret), "events leak " + secret);
            assertFalse(withAgent.stderr.contains(secret), "log leaks " + secret);
            assertFalse(metrics.contains(secret), "metrics leak " + secret);
        }
    }

    @Test
    void violationThatAbortsATransactionIsReportedOnceAndTheAgentRunsNothingOnTheConnection() {
        JsonNode event = events.single("violationAbortsTransaction");
        assertEquals("customers_pkey", event.get("constraint").asText());
        assertEquals("INSERT INTO customers (id, name) VALUES (?, ?)", event.get("sql").asText());
        assertTrue(withAgent.stdout.contains("RESULT lastOnConnectionAfterViolation idle in transaction (aborted)"
                + " | INSERT INTO customers (id, name) VALUES ($1, $2)"), withAgent.stdout);
        assertTrue(withAgent.stdout.contains("CAUGHT statementInAbortedTransaction org.postgresql.util.PSQLException"
                + " state=25P02"), "the refused statement carries the violation as its cause");
        assertTrue(withAgent.stdout.contains("RESULT customersAfterRollback 1"), withAgent.stdout);
    }

    @Test
    void noEventForSuccessfulStatementsCommitsOrErrorsThatAreNotViolations() {
        assertTrue(events.from("successfulStatements").isEmpty());
        assertTrue(events.from("syntaxError").isEmpty());
        assertTrue(events.from("divisionByZero").isEmpty());
    }

    @Test
    void everyViolationIsOneEventAndOneCount() {
        int expected = 23;
        assertEquals(expected, events.all().size(), events.all().stream().map(e -> e.get("callSite").asText())
                .collect(Collectors.joining("\n")));
        assertEquals(expected, totalOf("db_integrity_violations_total"), metrics);
        assertTrue(metrics.contains("db_system_name=\"postgresql\""), metrics);
        assertTrue(metrics.contains("constraint_name=\"ex_bookings_overlap\""), metrics);
        assertTrue(metrics.contains("db_collection_name=\"shipments\""), metrics);
        assertEquals(0, totalOf("integrity_agent_errors_total"), "the agent failed internally:\n" + metrics);
    }

    @Test
    void explanationIsWrittenToStderrWithTheServersMessage() {
        assertTrue(withAgent.stderr.contains("WARN integrity - Integrity violation: foreign key fk_shipments_order"
                + " on shipments(order_id) referencing orders refused a COMMIT"), withAgent.stderr);
        assertTrue(withAgent.stderr.contains("  database:   postgresql, SQLSTATE 23505,"
                + " org.postgresql.util.PSQLException: duplicate key value violates unique constraint"
                + " \"uq_users_email\". Detail: Key (email)=(ada@example.com) already exists."), withAgent.stderr);
    }

    private static long totalOf(String metric) {
        return Math.round(metrics.lines().filter(line -> line.startsWith(metric + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }
}
