package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.HandledViolations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The advice on handling a violation in plain JDBC, from the packaged agent on H2, PostgreSQL and MariaDB: each
 * event names the very class the application's catch block received, and its rollback advice is what the
 * database did — PostgreSQL refused the next statement of the transaction with 25P02, the others took it.
 */
class HandlingAdviceIT {

    private static final String NAME = "ia_handling_it_" + ProcessHandle.current().pid();

    @Test
    void h2KeepsTheTransactionAndThrowsSqlIntegrityConstraintViolationExceptions() throws Exception {
        Run run = Run.of("h2", "", "");

        run.assertNamesWhatWasCaught("duplicateInAutoCommit", "java.sql.SQLIntegrityConstraintViolationException",
                "\"23505\".equals(e.getSQLState())", "none");
        run.assertNamesWhatWasCaught("duplicateInTransaction", "java.sql.SQLIntegrityConstraintViolationException",
                "\"23505\".equals(e.getSQLState())", "statement");
        run.assertNamesWhatWasCaught("missingCustomerInBatch", "java.sql.BatchUpdateException",
                "\"23506\".equals(e.getSQLState())", "statement");
        run.assertTransactionWentOnAsAdvised();
    }

    @Test
    void postgresqlAbortsTheTransactionAndThrowsPlainSqlExceptions() throws Exception {
        LiveServers.requirePostgresql();
        Run run = Run.of("postgresql", LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER);

        run.assertNamesWhatWasCaught("duplicateInAutoCommit", "java.sql.SQLException",
                "\"23505\".equals(e.getSQLState())", "none");
        run.assertNamesWhatWasCaught("duplicateInTransaction", "java.sql.SQLException",
                "\"23505\".equals(e.getSQLState())", "required");
        run.assertNamesWhatWasCaught("missingCustomerInBatch", "java.sql.BatchUpdateException",
                "\"23503\".equals(e.getSQLState())", "required");
        run.assertNamesWhatWasCaught("deferredMissingCustomerAtCommit", "java.sql.SQLException",
                "\"23503\".equals(e.getSQLState())", "done");
        assertEquals("commit", run.events.single("deferredMissingCustomerAtCommit").get("handling").get("surfaces")
                .asText());
        assertTrue(run.events.single("duplicateInTransaction").get("handling").get("advice").asText()
                .contains("SQLSTATE 25P02"));
        run.assertTransactionWentOnAsAdvised();
    }

    @Test
    void mariadbKeepsTheTransactionAndTellsTheKindByVendorCode() throws Exception {
        LiveServers.requireMariadb();
        Run run = Run.of("mariadb", LiveServers.MARIADB_URL, LiveServers.MARIADB_USER);

        run.assertNamesWhatWasCaught("duplicateInAutoCommit", "java.sql.SQLIntegrityConstraintViolationException",
                "e.getErrorCode() == 1062", "none");
        run.assertNamesWhatWasCaught("duplicateInTransaction", "java.sql.SQLIntegrityConstraintViolationException",
                "e.getErrorCode() == 1062", "statement");
        run.assertNamesWhatWasCaught("missingCustomerInBatch", "java.sql.BatchUpdateException",
                "e.getErrorCode() == 1452", "statement");
        run.assertTransactionWentOnAsAdvised();
    }

    /** One run of {@link HandledViolations} with the packaged agent: its events, what it caught, its log. */
    private static final class Run {
        final Events events;
        final Map<String, String> caught = new LinkedHashMap<>();
        final Map<String, String> after = new LinkedHashMap<>();
        final AgentProcess.Result result;

        private Run(Events events, AgentProcess.Result result) {
            this.events = events;
            this.result = result;
            result.stdout.lines().forEach(line -> {
                String[] parts = line.split(" ");
                if (parts[0].equals("CAUGHT")) {
                    caught.put(parts[1], parts[2]);
                } else if (parts[0].equals("AFTER")) {
                    after.put(parts[1], parts[2]);
                }
            });
        }

        static Run of(String system, String url, String user) throws Exception {
            Path eventsFile = Files.createTempDirectory("handling-it").resolve("events.jsonl");
            String driver = system.equals("h2") ? "h2" : system.equals("mariadb") ? "mariadb-java-client" : system;
            AgentProcess.Result result = AgentProcess.app().libraries(driver)
                    .agentArguments("events.file=" + eventsFile)
                    .run(HandledViolations.class, system, url, user, NAME).assertSucceeded();
            AgentProcess.Result without = AgentProcess.app().libraries(driver).withoutAgent()
                    .run(HandledViolations.class, system, url, user, NAME).assertSucceeded();
            assertEquals(without.stdout, result.stdout, "the application catches the same with the agent");
            return new Run(Events.read(eventsFile), result);
        }

        /**
         * The event's advice names the class the application caught, the type to catch it as, the test that tells
         * its kind and what became of the transaction; and the log says the same in its {@code handle:} line.
         */
        void assertNamesWhatWasCaught(String scenario, String catchType, String test, String rollback) {
            JsonNode handling = events.single(scenario).get("handling");
            String context = scenario + ": " + handling + "\n" + result.stdout;
            assertEquals("jdbc", handling.get("stack").asText(), context);
            assertEquals(caught.get(scenario), handling.get("thrown").asText(), context);
            assertEquals(catchType, handling.get("catch").asText(), context);
            assertEquals(test, handling.get("test").asText(), context);
            assertEquals(rollback, handling.get("rollback").asText(), context);
            assertTrue(handling.get("advice").asText().startsWith("Plain JDBC: the driver throws "
                    + caught.get(scenario)), context);
            assertTrue(result.stderr.contains("  handle:     " + handling.get("advice").asText()), result.stderr);
        }

        /** Advised "required" exactly where the database refused the next statement; "statement" where it took it. */
        void assertTransactionWentOnAsAdvised() {
            for (Map.Entry<String, String> next : after.entrySet()) {
                String rollback = events.single(next.getKey()).get("handling").get("rollback").asText();
                assertEquals(rollback.equals("required") ? "25P02" : "usable", next.getValue(),
                        next.getKey() + " was advised " + rollback);
            }
            assertEquals(2, after.size(), result.stdout);
        }
    }
}
