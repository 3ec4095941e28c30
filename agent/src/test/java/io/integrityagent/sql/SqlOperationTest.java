package io.integrityagent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlOperationTest {

    @ParameterizedTest
    @CsvSource({"INSERT, INSERT", "REPLACE, REPLACE", "UPSERT, UPSERT", "MERGE, MERGE", "UPDATE, UPDATE",
        "DELETE, DELETE", "SELECT, OTHER", "CALL, OTHER", "WITH, OTHER"})
    void theVerbTellsTheOperation(String verb, SqlOperation expected) {
        assertEquals(expected, SqlOperation.of(verb));
    }

    @Test
    void noVerbIsAnotherStatement() {
        assertEquals(SqlOperation.OTHER, SqlOperation.of(null));
    }

    @Test
    void theShapeKeepsTheVerbAsSentBesideItsOperation() {
        SqlShape shape = SqlStatementParser.parse("call reset_counters(?)");

        assertEquals("CALL", shape.verb());
        assertEquals(SqlOperation.OTHER, shape.operation());
        assertEquals(SqlOperation.DELETE, SqlStatementParser.parse("with x as (select 1) delete from t").operation());
    }
}
