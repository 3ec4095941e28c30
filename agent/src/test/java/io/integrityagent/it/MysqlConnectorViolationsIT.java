package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * MySQL Connector/J against the MariaDB server (it needs no extra URL options there): a batch goes on after a
 * failure, and its exception is about the last failed entry.
 */
class MysqlConnectorViolationsIT extends MysqlFamilyViolationsIT {

    @Override
    String url() {
        return LiveServers.MYSQL_URL;
    }

    @Override
    String driverLibrary() {
        return "mysql-connector-j";
    }

    @Override
    String system() {
        return "mysql";
    }

    @Override
    String countedBatchOptions() {
        return "";
    }

    @Test
    void withTwoFailedEntriesTheExceptionIsAboutTheLast() {
        assertTrue(withAgent.stdout.contains("CAUGHT batchWithTwoFailingEntries java.sql.BatchUpdateException"
                + " state=23000 code=1062 counts=[1, -3, 1, -3]"), withAgent.stdout);
        JsonNode event = events.single("batchWithTwoFailingEntries");
        assertEquals(3, event.get("batchIndex").asInt());
        assertEquals("Duplicate entry 'first@example.com' for key 'uq_users_email'", event.get("message").asText());
        assertEquals("[\"23\",\"'Batch 3'\",\"'first@example.com'\",\"23\"]", event.get("parameters").toString());
    }

    @Test
    void batchWithDriverDefaultsTellsTheFailingEntry() {
        JsonNode event = events.single("batchWithDriverDefaults");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("'ada@example.com'", event.get("values").get("email").asText());
    }

    @Test
    void secretInABatchEntryIsMaskedWhereTheDatabaseCutItShort() {
        JsonNode event = events.single("secretInBatchWithDriverDefaults");
        assertEquals(1, event.get("batchIndex").asInt());
        assertEquals("[\"11\",\"7\",\"****\"]", event.get("parameters").toString());
        assertEquals("Duplicate entry '7-****...' for key 'uq_client_keys_tenant'", event.get("message").asText());
    }
}
