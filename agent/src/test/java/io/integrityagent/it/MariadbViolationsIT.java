package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * MariaDB Connector/J: messages start with {@code (conn=N)}; a batch goes on after a failure and its exception
 * is about the first failed entry; its default bulk protocol fails a prepared batch as a whole, wrapping the
 * violation in two batch exceptions whose counts mark every entry failed.
 */
class MariadbViolationsIT extends MysqlFamilyViolationsIT {

    @Override
    String url() {
        return LiveServers.MARIADB_URL;
    }

    @Override
    String driverLibrary() {
        return "mariadb-java-client";
    }

    @Override
    String system() {
        return "mariadb";
    }

    @Override
    String countedBatchOptions() {
        return "useBulkStmts=false";
    }

    @Test
    void messageIsRepeatedWithoutTheConnectionPrefix() {
        assertTrue(withAgent.stdout.contains("(conn="), "the driver still adds it for the application");
        assertEquals("Column 'name' cannot be null", events.single("notNullBoundAsNull").get("message").asText());
    }

    @Test
    void withTwoFailedEntriesTheExceptionIsAboutTheFirst() {
        JsonNode event = events.single("batchWithTwoFailingEntries");
        assertTrue(withAgent.stdout.contains("CAUGHT batchWithTwoFailingEntries java.sql.BatchUpdateException"
                + " state=23000 code=1062 counts=[1, -3, 1, -3]"), withAgent.stdout);
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("Duplicate entry 'ada@example.com' for key 'uq_users_email'", event.get("message").asText());
        assertEquals("[\"21\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString());
    }

    @Test
    void bulkBatchIsToldTheFailingEntryByTheDuplicateValueTheServerEchoed() {
        assertTrue(withAgent.stdout.contains("CAUGHT batchWithDriverDefaults java.sql.BatchUpdateException"
                + " state=23000 code=1062 counts=[-3, -3, -3] next=none cause=java.sql.BatchUpdateException"),
                withAgent.stdout);
        JsonNode event = events.single("batchWithDriverDefaults");
        assertEquals(1, event.get("batchIndex").asInt(), event.toString());
        assertEquals("[\"31\",\"'Batch 1'\",\"'ada@example.com'\",\"21\"]", event.get("parameters").toString());
        assertEquals("the driver did not say which entry failed; entry 1 (0-based) is the only one that carries"
                + " email = 'ada@example.com'", event.get("failingEntry").asText());
        assertEquals("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)", event.get("sql").asText());
        assertEquals("uq_users_email", event.get("constraint").asText());
        assertEquals("{\"email\":\"'ada@example.com'\"}", event.get("values").toString());
        assertTrue(event.get("explanation").asText().contains("a row with email = 'ada@example.com' already exists"),
                event.toString());
    }

    @Test
    void bulkBatchMatchesASecretTheServerCutShortAndMasksIt() {
        JsonNode event = events.single("secretInBatchWithDriverDefaults");
        assertEquals(1, event.get("batchIndex").asInt(), event.toString());
        assertEquals("[\"11\",\"7\",\"****\"]", event.get("parameters").toString());
        assertEquals("Duplicate entry '7-****...' for key 'uq_client_keys_tenant'", event.get("message").asText());
        assertFalse(event.toString().contains("tok-"), event.toString());
    }
}
