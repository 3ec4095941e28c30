package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Statements whose class could not get a field keep their capture in a weak table. */
class CapturesTest {

    @Test
    void aStatementKeepsOneCaptureUntilItIsClosed() {
        Object statement = new Object();
        StatementCapture capture = Captures.of(statement);
        assertSame(capture, Captures.of(statement));
        Captures.release(statement);
        assertNull(Captures.peek(statement));
    }

    @Test
    void capturesOfStatementsNobodyClosedGoAwayWithTheStatements() throws InterruptedException {
        WeakIdentityTable<StatementCapture> table = new WeakIdentityTable<>();
        for (int i = 0; i < 1000; i++) {
            table.computeIfAbsent(new Object(), StatementCapture::new);
        }
        for (int attempt = 0; attempt < 50 && table.size() > 0; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, table.size());
    }

    @Test
    void equalButDistinctStatementsHaveCapturesOfTheirOwn() {
        WeakIdentityTable<StatementCapture> table = new WeakIdentityTable<>();
        String first = new String("same");
        String second = new String("same");
        assertTrue(table.computeIfAbsent(first, StatementCapture::new)
                != table.computeIfAbsent(second, StatementCapture::new));
    }

    @Test
    void aBatchKeepsOnlyItsFirstEntriesButCountsThemAll() {
        StatementCapture capture = new StatementCapture();
        for (int i = 0; i < BatchEntries.MAX_KEPT + 5; i++) {
            capture.parameters().setInt(1, i);
            capture.holdBatchEntry();
            capture.addHeldBatchEntry();
        }
        BatchEntries batch = capture.detachBatch();
        assertEquals(BatchEntries.MAX_KEPT + 5, batch.count());
        assertEquals(7, batch.parameters(7).value(1));
        assertNull(batch.parameters(BatchEntries.MAX_KEPT + 1));
        assertNull(capture.detachBatch(), "executeBatch leaves an empty batch behind");
    }

    @Test
    void aPlainStatementsBatchEntryHasNoParametersLikeAnyStatementWithoutBinds() {
        StatementCapture capture = new StatementCapture();
        capture.addBatch("INSERT INTO t VALUES (1)");
        BatchEntries batch = capture.detachBatch();
        assertEquals("INSERT INTO t VALUES (1)", batch.sql(0));
        assertEquals(0, batch.parameters(0).highestIndex());
        assertNull(batch.parameters(1), "an entry never added is unknown, not empty");
    }

    @Test
    void aClosedStatementsCaptureServesTheNextStatementOfItsThreadAsGoodAsNew() {
        Holder closed = new Holder();
        StatementCapture capture = Captures.of(closed);
        capture.prepared("INSERT INTO t VALUES (?)");
        capture.parameters().setObject(1, "old");
        capture.addBatch("INSERT INTO t VALUES (2)");
        Captures.release(closed);
        Captures.release(closed); // closing twice hands it over once

        Holder next = new Holder();
        assertSame(capture, Captures.of(next));
        assertNull(capture.sql());
        assertEquals(0, capture.parameterSnapshot().highestIndex());
        assertNull(capture.detachBatch());
        assertTrue(Captures.of(new Holder()) != capture, "one statement at a time");
    }

    /** A statement class that got its capture field. */
    private static final class Holder implements io.integrityagent.bootstrap.CaptureHolder {
        private Object capture;

        @Override
        public Object integrity$capture() {
            return capture;
        }

        @Override
        public void integrity$capture(Object capture) {
            this.capture = capture;
        }
    }
}
