package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.LongValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Very long values (issue 7, item 4), run by the packaged agent with default settings on H2, PostgreSQL and
 * MariaDB: every value written — bound, written as a literal, or repeated in the database's message — is cut to
 * values.max.length (200), and the SQL to sql.max.length (2000), so no event or log line can grow with a value.
 */
class LongValuesIT {

    private static final String NAME = "ia_longvalues_it_" + ProcessHandle.current().pid();
    private static final List<String> SCENARIOS = List.of("hugeLiteralFailingACheck", "hugeBoundValueFailingACheck",
            "longBoundKeyRepeatedByTheDatabase", "longLiteralKeyRepeatedByTheDatabase");
    /** Generous: a full explanation with its SQL, message, values and remedy, each bounded. */
    private static final int MAX_LINE = 12_000;

    @Test
    void h2CutsEveryValueItWrites() throws Exception {
        assertEveryValueCut("h2", "", "");
    }

    @Test
    void postgresqlCutsEveryValueItWritesAndThoseItsMessageRepeats() throws Exception {
        LiveServers.requirePostgresql();
        Events events = assertEveryValueCut("postgresql", LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER);
        String message = events.single("longLiteralKeyRepeatedByTheDatabase").get("message").asText();
        assertTrue(message.contains("Key (email)=(" + "e".repeat(200) + "…(712 chars)) already exists"), message);
    }

    @Test
    void mariadbCutsEveryValueItWrites() throws Exception {
        LiveServers.requireMariadb();
        assertEveryValueCut("mariadb", LiveServers.MARIADB_URL, LiveServers.MARIADB_USER);
    }

    private static Events assertEveryValueCut(String system, String url, String user) throws Exception {
        Path eventsFile = Files.createTempDirectory("long-values-it").resolve("events.jsonl");
        String driver = system.equals("h2") ? "h2" : system.equals("mariadb") ? "mariadb-java-client" : system;
        AgentProcess.Result result = AgentProcess.app().libraries(driver)
                .agentArguments("events.file=" + eventsFile)
                .run(LongValues.class, system, url, user, NAME).assertSucceeded();
        Events events = Events.read(eventsFile);
        for (String scenario : SCENARIOS) {
            events.single(scenario);
        }
        List<String> lines = Files.readAllLines(eventsFile);
        lines.addAll(result.stderrLines());
        for (String line : lines) {
            String start = line.substring(0, Math.min(400, line.length()));
            assertTrue(line.length() < MAX_LINE, "a line of " + line.length() + " characters: " + start);
            assertFalse(line.contains("x".repeat(201)) || line.contains("e".repeat(201)),
                    "a value longer than values.max.length: " + start);
        }
        JsonNode literal = events.single("hugeLiteralFailingACheck");
        assertEquals("INSERT INTO notes (id, body, age) VALUES (1, '" + "x".repeat(200) + "…(1048576 chars)', 10)",
                literal.get("sql").asText());
        assertTrue(literal.get("explanation").asText().contains("BODY = '" + "x".repeat(200) + "…(1048576 chars)'")
                || literal.get("explanation").asText().contains("body = '" + "x".repeat(200) + "…(1048576 chars)'"),
                literal.toString());
        return events;
    }
}
