package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.EscapedSecretStatements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A password MariaDB stores other than its literal reads (a backslash escape undone)
 * is still masked where MariaDB repeats it, when no catalog names the key's column.
 */
class EscapedSecretsIT {

    @Test
    void mariadbRepeatsNoPasswordWhoseLiteralTextDiffersFromItsValue() throws Exception {
        LiveServers.requireMariadb();
        Path eventsFile = Files.createTempDirectory("escaped-secrets-it").resolve("events.jsonl");
        AgentProcess.Result result = AgentProcess.app().libraries("mariadb-java-client")
                .agentArguments("events.file=" + eventsFile)
                .run(EscapedSecretStatements.class, "mariadb", LiveServers.MARIADB_URL, LiveServers.MARIADB_USER,
                        "ia_escaped_secrets_it_" + ProcessHandle.current().pid())
                .assertSucceeded();
        Events events = Events.read(eventsFile);
        String eventsText = Files.readString(eventsFile);
        assertEquals(2, events.all().size(), eventsText);
        for (String scenario : List.of("tabEscape", "letterEscape")) {
            JsonNode event = events.single(scenario);
            assertEquals("Duplicate entry '****' for key 'uk_pw'", event.get("message").asText(), event.toString());
        }
        assertFalse(eventsText.contains("WOM"), eventsText);
        assertFalse(result.stderr.contains("WOM"), result.stderr);
        assertTrue(result.stdout.contains("WOMBAT"), "the application itself still sees its exceptions");
    }
}
