package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.integrityagent.model.DatabaseSystem;
import org.junit.jupiter.api.Test;

class DialectsTest {

    @Test
    void everyDatabaseHasItsDialectAndOnlyTheUnknownOneFallsBackToSqlState() {
        for (DatabaseSystem system : DatabaseSystem.values()) {
            assertEquals(system, Dialects.of(system).system());
            if (system == DatabaseSystem.OTHER) {
                assertEquals(SqlStateDialect.class, Dialects.of(system).getClass());
            } else {
                assertNotEquals(SqlStateDialect.class, Dialects.of(system).getClass(), system.name());
            }
        }
    }
}
