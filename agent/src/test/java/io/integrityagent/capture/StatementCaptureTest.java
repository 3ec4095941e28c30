package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StatementCaptureTest {

    @Test
    void entriesOfAnExecutingBatchSurviveTheDriverClearingItsBatchBeforeReturning() {
        StatementCapture capture = new StatementCapture();
        capture.addBatch("INSERT INTO t VALUES (1)");
        capture.addBatch("INSERT INTO t VALUES (2)");
        capture.batchExecutionStarted();
        capture.clearBatch(); // Connector/J's executeBatch does this in a finally block
        BatchEntries entries = capture.detachBatch();
        assertEquals(2, entries.count());
        assertEquals("INSERT INTO t VALUES (2)", entries.sql(1));
        assertNull(capture.detachBatch(), "the next batch starts empty");
    }

    @Test
    void aNestedExecuteBatchCallKeepsTheEntriesSetAside() {
        StatementCapture capture = new StatementCapture();
        capture.addBatch("INSERT INTO t VALUES (1)");
        capture.batchExecutionStarted();
        capture.batchExecutionStarted();
        assertEquals(1, capture.detachBatch().count());
    }

    @Test
    void entriesAddedAfterAnExecutionFormTheNextBatch() {
        StatementCapture capture = new StatementCapture();
        capture.addBatch("INSERT INTO t VALUES (1)");
        capture.batchExecutionStarted();
        capture.detachBatch();
        capture.addBatch("INSERT INTO t VALUES (3)");
        capture.batchExecutionStarted();
        assertEquals("INSERT INTO t VALUES (3)", capture.detachBatch().sql(0));
    }
}
