package io.integrityagent.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.dialect.Dialects;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationRecognizerTest {

    private final Dialect standard = Dialects.of(DatabaseSystem.OTHER);

    @Test
    void classTwentyThreeStatesAreViolationsOfTheirKind() {
        assertEquals(ViolationKind.UNIQUE, kindOf(new SQLException("x", "23505")));
        assertEquals(ViolationKind.FOREIGN_KEY, kindOf(new SQLException("x", "23503")));
        assertEquals(ViolationKind.NOT_NULL, kindOf(new SQLException("x", "23502")));
        assertEquals(ViolationKind.CHECK, kindOf(new SQLException("x", "23514")));
        assertEquals(ViolationKind.EXCLUSION, kindOf(new SQLException("x", "23P01")));
        assertEquals(ViolationKind.OTHER, kindOf(new SQLException("x", "23000")));
        assertEquals(ViolationKind.OTHER, kindOf(new SQLIntegrityConstraintViolationException("x")));
    }

    @Test
    void otherErrorsAreNotViolations() {
        assertTrue(recognize(new SQLSyntaxErrorException("bad", "42000")).isEmpty());
        assertTrue(recognize(new SQLException("division by zero", "22012")).isEmpty());
        assertTrue(recognize(new IllegalStateException("not SQL at all")).isEmpty());
    }

    @Test
    void violationIsFoundBehindCausesAndNextExceptions() {
        SQLException violation = new SQLException("dup", "23505");
        RuntimeException wrapper = new RuntimeException(new SQLException("outer", "HY000", violation));
        List<RecognizedViolation> found = recognize(wrapper);
        assertEquals(1, found.size());
        assertSame(violation, found.get(0).exception());
    }

    @Test
    void batchExceptionCarryingTheStateOfTheRealViolationIsNotCountedTwice() {
        SQLException real = new SQLIntegrityConstraintViolationException("dup", "23505");
        BatchUpdateException batch = new BatchUpdateException("batch", "23505", 0, new int[] {1, -3, 1});
        batch.setNextException(real);
        batch.initCause(real);
        List<RecognizedViolation> found = recognize(batch);
        assertEquals(1, found.size());
        assertSame(real, found.get(0).exception());
        assertSame(batch, found.get(0).batch());
    }

    @Test
    void batchExceptionAloneIsTheViolationWhenNothingIsChained() {
        BatchUpdateException batch = new BatchUpdateException("dup", "23000", 2627, new int[] {1, -3});
        List<RecognizedViolation> found = recognize(batch);
        assertEquals(1, found.size());
        assertSame(batch, found.get(0).exception());
    }

    @Test
    void cyclicChainsEnd() {
        SQLException a = new SQLException("a", "23505");
        SQLException b = new SQLException("b", "HY000");
        a.setNextException(b);
        b.setNextException(a);
        assertEquals(1, recognize(a).size());
    }

    @Test
    void earlierFailureAttachedToAStatementRefusedAfterItIsNotReportedAgain() {
        SQLException earlier = new SQLException("duplicate key value violates unique constraint", "23505");
        SQLException refused = new SQLException("current transaction is aborted", "25P02", earlier);
        Dialect postgresql = Dialects.of(DatabaseSystem.POSTGRESQL);
        assertTrue(ViolationRecognizer.recognize(ViolationRecognizer.chainOf(refused), postgresql).isEmpty());
        assertSame(earlier, ViolationRecognizer.recognize(ViolationRecognizer.chainOf(earlier), postgresql).get(0)
                .exception());
    }

    @Test
    void failedEntriesComeFromTheUpdateCounts() {
        assertEquals(List.of(1), ViolationRecognizer.failedEntries(new long[] {1, -3, 1}, 3));
        assertEquals(List.of(2), ViolationRecognizer.failedEntries(new long[] {1, 1}, 5), "stopped at the failure");
        assertEquals(List.of(), ViolationRecognizer.failedEntries(new long[] {-3, -3, -3}, 3), "all-or-nothing");
        assertEquals(List.of(0), ViolationRecognizer.failedEntries(new long[] {-3}, 1));
        assertEquals(List.of(), ViolationRecognizer.failedEntries(null, 3));
    }

    private ViolationKind kindOf(SQLException e) {
        return recognize(e).get(0).kind();
    }

    private List<RecognizedViolation> recognize(Throwable thrown) {
        return ViolationRecognizer.recognize(ViolationRecognizer.chainOf(thrown), standard);
    }
}
