package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.SecretStatements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets in statements whose literals the agent cannot all pair with their columns (issue 7, items 2 and 3), run
 * by the packaged agent with default settings on H2, PostgreSQL and MariaDB: no password (ZEBRA) and no token
 * (OKAPI, QUOKKA) reaches the events file or the log, not even the start of one that MariaDB prints.
 */
class SecretsIT {

    private static final List<String> SECRETS = List.of("ZEBRA", "OKAPI", "QUOKKA");
    private static final String NAME = "ia_secrets_it_" + ProcessHandle.current().pid();

    @Test
    void h2WritesNoSecret() throws Exception {
        Run run = Run.of("h2", "", "");
        run.assertNoSecretWritten(4);
        run.assertEveryStringLiteralMaskedIn("insertFromSelect", "insertWithAnExpression",
                "insertWithoutColumnListInTransaction");
        run.assertCatalogPairedTheInsertWithoutColumnList("'c2@x'");
    }

    @Test
    void postgresqlWritesNoSecret() throws Exception {
        LiveServers.requirePostgresql();
        Run run = Run.of("postgresql", LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER);
        run.assertNoSecretWritten(5);
        run.assertEveryStringLiteralMaskedIn("insertFromSelect", "insertWithAnExpression",
                "insertWithoutColumnListInTransaction", "upsertSettingAPassword");
        run.assertCatalogPairedTheInsertWithoutColumnList("'c2@x'");
    }

    @Test
    void mariadbWritesNoSecretNotEvenTheStartOfATokenItsKeyValueShowsNorAKeyOverColumnsNotSent() throws Exception {
        LiveServers.requireMariadb();
        Run run = Run.of("mariadb", LiveServers.MARIADB_URL, LiveServers.MARIADB_USER);
        run.assertNoSecretWritten(9);
        run.assertEveryStringLiteralMaskedIn("insertFromSelect", "insertWithAnExpression",
                "insertWithoutColumnListInTransaction", "upsertSettingAPassword");
        run.assertCatalogPairedTheInsertWithoutColumnList("'c2@x'");
        for (String scenario : List.of("tokenPrefixKeyInTransaction", "tokenPrefixKeyLiteralInTransaction")) {
            JsonNode event = run.events.single(scenario);
            assertEquals("Duplicate entry 'b4@x-****' for key 'k'", event.get("message").asText(), event.toString());
        }
        // In a transaction no catalog names the key's columns: a key not made of values sent is masked whole.
        assertEquals("Duplicate entry '****' for key 'uq_login_password'",
                run.events.single("keyOverAColumnNotSentInTransaction").get("message").asText());
        assertEquals("Duplicate entry '****' for key 'k'",
                run.events.single("keyFromSelectInTransaction").get("message").asText());
    }

    /** One run of {@link SecretStatements} with the packaged agent: its events and everything it printed. */
    private static final class Run {
        final Events events;
        final String eventsText;
        final AgentProcess.Result result;

        private Run(Events events, String eventsText, AgentProcess.Result result) {
            this.events = events;
            this.eventsText = eventsText;
            this.result = result;
        }

        static Run of(String system, String url, String user) throws Exception {
            Path eventsFile = Files.createTempDirectory("secrets-it").resolve("events.jsonl");
            String driver = system.equals("h2") ? "h2" : system.equals("mariadb") ? "mariadb-java-client" : system;
            AgentProcess.Result result = AgentProcess.app().libraries(driver)
                    .agentArguments("events.file=" + eventsFile)
                    .run(SecretStatements.class, system, url, user, NAME).assertSucceeded();
            return new Run(Events.read(eventsFile), Files.readString(eventsFile), result);
        }

        void assertNoSecretWritten(int violations) {
            assertEquals(violations, events.all().size(), eventsText);
            for (String secret : SECRETS) {
                assertFalse(eventsText.contains(secret), secret + " in the events:\n" + eventsText);
                assertFalse(result.stderr.contains(secret), secret + " in the log:\n" + result.stderr);
            }
            assertTrue(SECRETS.stream().anyMatch(result.stdout::contains),
                    "the application itself still sees its exceptions, secrets and all");
        }

        void assertEveryStringLiteralMaskedIn(String... scenarios) {
            for (String scenario : scenarios) {
                JsonNode event = events.single(scenario);
                String sql = event.get("sql").asText();
                assertTrue(sql.contains("'****'"), sql);
                assertFalse(sql.replace("'****'", "").contains("'"), "a literal left unmasked: " + sql);
            }
        }

        /** In auto-commit mode the catalog named the columns: only the password and the token are masked. */
        void assertCatalogPairedTheInsertWithoutColumnList(String shownEmail) {
            JsonNode event = events.single("insertWithoutColumnList");
            String sql = event.get("sql").asText();
            assertTrue(sql.contains(shownEmail + ", 'n', 10, '****', '****', NULL"), sql);
        }
    }
}
