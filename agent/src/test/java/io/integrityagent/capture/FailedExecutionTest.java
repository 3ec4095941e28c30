package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailedExecutionTest {

    private static final String INSERT = "INSERT INTO users (id, email) VALUES (?, ?)";

    @Test
    void failureOfAnInternalStatementTheAgentKnowsNothingOfIsTheFailureOfTheBatchAroundIt() {
        Object applicationStatement = new Object();
        FailedExecution batch = new FailedExecution(new SQLException("dup", "23000"), applicationStatement,
                batchOfTwo(), null, true);
        FailedExecution internal = new FailedExecution(new SQLException("dup", "23000"), new Object(), null, null,
                false);

        internal.fillGapsFrom(batch);

        assertTrue(internal.isBatch());
        assertSame(applicationStatement, internal.statement());
        assertEquals(INSERT, internal.sql());
        assertEquals(2, internal.batchEntries().count());
    }

    @Test
    void innerStatementWithItsOwnSqlStaysASingleExecution() {
        StatementCapture own = new StatementCapture();
        own.prepared("INSERT INTO users (id, email) VALUES (?, ?), (?, ?)");
        Object internalStatement = new Object();
        FailedExecution internal = new FailedExecution(new SQLException("dup", "23000"), internalStatement, own,
                null, false);

        internal.fillGapsFrom(new FailedExecution(new SQLException("dup"), new Object(), batchOfTwo(), null, true));

        assertFalse(internal.isBatch());
        assertSame(internalStatement, internal.statement());
    }

    private static StatementCapture batchOfTwo() {
        StatementCapture capture = new StatementCapture();
        capture.prepared(INSERT);
        for (int id = 1; id <= 2; id++) {
            capture.parameters().setInt(1, id);
            capture.parameters().setObject(2, id + "@example.com");
            capture.holdBatchEntry();
            capture.addHeldBatchEntry();
        }
        return capture;
    }
}
