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

    @Test
    void aBatchThatExecutedLeavesItsColumnsToTheNextBatchWithNothingOfItsOwnEntries() {
        StatementCapture capture = new StatementCapture();
        for (int entry = 0; entry < 3; entry++) {
            capture.parameters().setInt(1, entry);
            capture.parameters().setObject(2, "value " + entry);
            capture.holdBatchEntry();
            capture.addHeldBatchEntry();
        }
        capture.batchExecutionStarted();
        capture.batchExecuted();
        capture.parameters().setObject(2, "next");
        capture.holdBatchEntry();
        capture.addHeldBatchEntry();
        capture.batchExecutionStarted();
        BatchEntries next = capture.detachBatch();
        assertEquals(1, next.count());
        assertEquals("next", next.parameters(0).value(2));
        assertEquals(2, next.parameters(0).value(1), "the last value bound, not an earlier batch's");
        assertNull(next.parameters(1));
    }

    @Test
    void anEntryWhoseAddBatchThrewIsNotPartOfTheBatch() {
        StatementCapture capture = new StatementCapture();
        capture.parameters().setObject(1, "refused");
        capture.holdBatchEntry(); // addBatch threw: no addHeldBatchEntry
        capture.parameters().setObject(1, "taken");
        capture.holdBatchEntry();
        capture.addHeldBatchEntry();
        capture.addHeldBatchEntry(); // an addBatch that began with no capture: an entry without parameters
        capture.batchExecutionStarted();
        BatchEntries entries = capture.detachBatch();
        assertEquals(2, entries.count());
        assertEquals("taken", entries.parameters(0).value(1));
        assertEquals(0, entries.parameters(1).highestIndex());
    }

    @Test
    void aBatchWithoutEntriesIsNoBatchToReport() {
        StatementCapture capture = new StatementCapture();
        capture.addBatch("INSERT INTO t VALUES (1)");
        capture.clearBatch();
        capture.batchExecutionStarted();
        assertNull(capture.detachBatch());
    }
}
