package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.BatchEntryInference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failing batch entry and multi-row VALUES row told from the value the database echoed, where the driver does
 * not say: the packaged agent in a separate JVM against real MariaDB (both drivers), PostgreSQL and H2, the
 * application's output compared with the same run without the agent.
 */
class BatchEntryInferenceIT {

    private static final String AMBIGUOUS = "the failing entry could not be told apart: entries 0 and 2 (0-based)"
            + " both carry %s = 'z@example.com'";

    @Test
    void mariadbConnectorDefaultBulkBatch() throws Exception {
        LiveServers.requireMariadb();
        String database = "ia_infer_mariadb_" + ProcessHandle.current().pid();
        Run run = Run.of("mariadb-java-client", "jdbc:mariadb://127.0.0.1:3306/" + database,
                LiveServers.MARIADB_USER, LiveServers.MARIADB_URL);
        assertTrue(run.stdout.contains("CAUGHT batchWithOneEntryCarryingTheDuplicate java.sql.BatchUpdateException"
                + " state=23000 code=1062 counts=[-3, -3, -3]"), "the driver does not tell: " + run.stdout);
        run.assertEntryToldByItsValue("email");
        run.assertAmbiguityStated("email");
        run.assertMultiRowInsertsPairTheFailingRow("email");
    }

    @Test
    void mysqlConnectorRewrittenBatch() throws Exception {
        LiveServers.requireMariadb();
        String database = "ia_infer_mysql_" + ProcessHandle.current().pid();
        Run run = Run.of("mysql-connector-j", "jdbc:mysql://127.0.0.1:3306/" + database
                + "?rewriteBatchedStatements=true", LiveServers.MARIADB_USER, LiveServers.MYSQL_URL);
        assertTrue(run.stdout.contains("CAUGHT batchWithOneEntryCarryingTheDuplicate java.sql.BatchUpdateException"
                + " state=23000 code=1062 counts=[-3, -3, -3]"), "the driver does not tell: " + run.stdout);
        run.assertEntryToldByItsValue("email");
        run.assertAmbiguityStated("email");
        run.assertMultiRowInsertsPairTheFailingRow("email");
    }

    @Test
    void postgresqlRewrittenBatch() throws Exception {
        LiveServers.requirePostgresql();
        Run run = Run.of("postgresql", LiveServers.POSTGRESQL_URL + "?reWriteBatchedInserts=true",
                LiveServers.POSTGRESQL_USER, "ia_infer_it_" + ProcessHandle.current().pid());
        assertTrue(run.stdout.contains("CAUGHT batchWithOneEntryCarryingTheDuplicate java.sql.BatchUpdateException"
                + " state=23505 code=0 counts=[-3, -3, -3]"), "the driver does not tell: " + run.stdout);
        run.assertEntryToldByItsValue("email");
        run.assertAmbiguityStated("email");
        run.assertMultiRowInsertsPairTheFailingRow("email");
    }

    /** H2 tells the failing batch entry itself; only its multi-row inserts need the echoed value. */
    @Test
    void h2MultiRowInserts() throws Exception {
        Run run = Run.of("h2", "jdbc:h2:mem:infer", "sa");
        JsonNode told = run.events.single("batchWithOneEntryCarryingTheDuplicate");
        assertEquals(1, told.get("batchIndex").asInt());
        assertTrue(told.get("failingEntry").isNull(), "the driver said it: nothing to infer " + told);
        assertEquals(2, run.events.single("batchWithTwoEntriesCarryingTheSameNewValue").get("batchIndex").asInt());
        run.assertMultiRowInsertsPairTheFailingRow("EMAIL");
    }

    private static final class Run {
        final String stdout;
        final String stderr;
        final Events events;

        private Run(String stdout, String stderr, Events events) {
            this.stdout = stdout;
            this.stderr = stderr;
            this.events = events;
        }

        static Run of(String driver, String... args) throws Exception {
            Path eventsFile = Files.createTempDirectory("infer-it").resolve("events.jsonl");
            AgentProcess.Result withAgent = AgentProcess.app().libraries(driver)
                    .agentArguments("events.file=" + eventsFile).run(BatchEntryInference.class, args)
                    .assertSucceeded();
            AgentProcess.Result withoutAgent = AgentProcess.app().libraries(driver).withoutAgent()
                    .run(BatchEntryInference.class, args).assertSucceeded();
            assertEquals(withoutConnectionNumbers(withoutAgent.stdout), withoutConnectionNumbers(withAgent.stdout),
                    "the application sees the same with the agent");
            Events events = Events.read(eventsFile);
            assertEquals(4, events.all().size(), events.all().toString());
            return new Run(withAgent.stdout, withAgent.stderr, events);
        }

        /** MariaDB Connector/J's messages start with the server's connection number, which differs each run. */
        private static String withoutConnectionNumbers(String text) {
            return text.replaceAll("\\(conn=\\d+\\)", "(conn=N)");
        }

        void assertEntryToldByItsValue(String column) {
            JsonNode event = events.single("batchWithOneEntryCarryingTheDuplicate");
            assertEquals(1, event.get("batchIndex").asInt(), event.toString());
            assertEquals("[\"11\",\"'ada@example.com'\",\"'Batch 1'\"]", event.get("parameters").toString());
            assertEquals("the driver did not say which entry failed; entry 1 (0-based) is the only one that carries "
                    + column + " = 'ada@example.com'", event.get("failingEntry").asText());
            assertTrue(stderr.contains("\n  batch:      entry 1 (0-based) of the batch failed\n"), stderr);
        }

        void assertAmbiguityStated(String column) {
            JsonNode event = events.single("batchWithTwoEntriesCarryingTheSameNewValue");
            assertTrue(event.get("batchIndex").isNull(), event.toString());
            assertTrue(event.get("parameters").isNull(), event.toString());
            String note = String.format(AMBIGUOUS, column);
            assertEquals(note, event.get("failingEntry").asText());
            assertTrue(stderr.contains("\n  entry:      " + note + "\n"), stderr);
        }

        void assertMultiRowInsertsPairTheFailingRow(String column) {
            for (String scenario : List.of("multiRowLiteralInsert", "multiRowPreparedInsert")) {
                JsonNode event = events.single(scenario);
                assertEquals("'ada@example.com'", event.get("values").get(column).asText(), event.toString());
                assertEquals("row 1 (0-based) of the VALUES list is the only one that carries " + column
                        + " = 'ada@example.com'", event.get("failingEntry").asText(), event.toString());
                assertTrue(event.get("explanation").asText().contains(column + " = 'ada@example.com'"),
                        event.toString());
            }
        }
    }
}
