package io.integrityagent.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.dialect.Dialects;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationKind;
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
    void wrapperCarryingTheDriverExceptionAsItsCauseIsOneViolationReportedFromTheDriverException() {
        SQLException driver = new SQLIntegrityConstraintViolationException("dup", "23505", 23505);
        SQLException wrapper = new SQLIntegrityConstraintViolationException("dup", "23505", 23505, driver);
        List<RecognizedViolation> found = recognize(wrapper);
        assertEquals(1, found.size());
        assertSame(driver, found.get(0).exception());
    }

    @Test
    void wrapperThatRewordsTheMessageIsStillTheSameViolation() {
        SQLException driver = new SQLIntegrityConstraintViolationException("dup", "23505");
        SQLException rethrown = new SQLIntegrityConstraintViolationException(driver); // message driver.toString()
        SQLException framework = new SQLException("could not insert: dup", "23000", rethrown);
        List<RecognizedViolation> found = recognize(framework);
        assertEquals(1, found.size());
        assertSame(driver, found.get(0).exception());
    }

    @Test
    void wrapperChainingTheDriverExceptionAsItsNextExceptionIsOneViolation() {
        SQLException driver = new SQLException("dup", "23505");
        SQLException wrapper = new SQLIntegrityConstraintViolationException("dup", "23505");
        wrapper.setNextException(driver);
        List<RecognizedViolation> found = recognize(wrapper);
        assertEquals(1, found.size());
        assertSame(driver, found.get(0).exception());
    }

    @Test
    void nextExceptionMadeAnewAtEachCallIsACopyNotASecondViolation() {
        SQLException driver = new SQLIntegrityConstraintViolationException("dup", "23505");
        SQLException copying = new SQLIntegrityConstraintViolationException("dup", "23505", driver) {
            @Override
            public SQLException getNextException() {
                return new SQLIntegrityConstraintViolationException("dup", "23505");
            }
        };
        List<RecognizedViolation> found = recognize(copying);
        assertEquals(1, found.size());
        assertSame(driver, found.get(0).exception());
        assertEquals(2, ViolationRecognizer.chainOf(copying).size(), "the copies are not listed");
    }

    @Test
    void nextExceptionThatCopiesItselfForeverEnds() {
        SQLException endless = new SQLException("dup", "23505") {
            @Override
            public SQLException getNextException() {
                return new SQLException("dup", "23505", this) {
                    @Override
                    public SQLException getNextException() {
                        return new SQLException("dup", "23505");
                    }
                };
            }
        };
        assertEquals(1, recognize(endless).size());
    }

    @Test
    void causeCycleIsOneViolation() {
        SQLException a = new SQLIntegrityConstraintViolationException("dup", "23505");
        SQLException b = new SQLIntegrityConstraintViolationException("dup", "23505", a);
        a.initCause(b);
        List<RecognizedViolation> found = recognize(a);
        assertEquals(1, found.size());
        assertSame(a, found.get(0).exception());
    }

    @Test
    void causeCycleAroundTheDriverExceptionChainedAsNextIsOneViolationReportedFromTheDriverException() {
        SQLException driver = new SQLException("dup", "23505");
        SQLException a = new SQLIntegrityConstraintViolationException("dup", "23505");
        SQLException b = new SQLIntegrityConstraintViolationException("dup", "23505", a);
        a.initCause(b);
        a.setNextException(driver);
        List<RecognizedViolation> found = recognize(a);
        assertEquals(1, found.size());
        assertSame(driver, found.get(0).exception());
    }

    @Test
    void gettersThatThrowCostOnlyWhatTheyWouldHaveTold() {
        SQLException driver = new SQLIntegrityConstraintViolationException("dup", "23505");
        SQLException hostile = new HostileException(driver);
        List<RecognizedViolation> found = recognize(hostile);
        assertEquals(1, found.size());
        assertSame(driver, found.get(0).exception(), "the cause could still be read");

        SQLException unreadable = new HostileException(null) {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no cause for you");
            }
        };
        List<RecognizedViolation> alone = recognize(unreadable);
        assertEquals(1, alone.size(), "kept with what could be read: it is an integrity violation by its class");
        assertEquals(ViolationKind.OTHER, alone.get(0).kind());
        assertEquals(null, alone.get(0).exception().getMessage());
        assertEquals(HostileException.VENDOR_CODE, alone.get(0).exception().getErrorCode());
    }

    @Test
    void failedEntriesOfABatchStayDistinctEvenWithIdenticalMessages() {
        SQLException first = new SQLIntegrityConstraintViolationException("NULL not allowed for column NAME", "23502");
        SQLException second = new SQLIntegrityConstraintViolationException("NULL not allowed for column NAME", "23502");
        BatchUpdateException batch = new BatchUpdateException("NULL not allowed for column NAME", "23502", 0,
                new int[] {1, -3, 1, -3});
        batch.setNextException(first);
        batch.setNextException(second);
        List<RecognizedViolation> found = recognize(batch);
        assertEquals(2, found.size());
        assertSame(first, found.get(0).exception());
        assertSame(second, found.get(1).exception());
    }

    @Test
    void postgresqlBatchKeepsEachNextExceptionAsAViolationInOrder() {
        SQLException entry1 = new SQLException("ERROR: duplicate key value violates unique constraint \"u\"", "23505");
        SQLException entry3 = new SQLException("ERROR: duplicate key value violates unique constraint \"v\"", "23505");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 … was aborted", "23505", 0,
                new int[] {-3, -3, -3, -3}, entry1);
        batch.setNextException(entry1);
        batch.setNextException(entry3);
        List<RecognizedViolation> found = recognize(batch);
        assertEquals(2, found.size());
        assertSame(entry1, found.get(0).exception());
        assertSame(entry3, found.get(1).exception());
        assertSame(batch, found.get(1).batch());
    }

    @Test
    void nestedBatchExceptionsWithoutARealOneAreOneViolation() {
        BatchUpdateException inner = new BatchUpdateException("dup", "23000", 1062, new int[] {-2, -3, -3});
        BatchUpdateException outer = new BatchUpdateException("dup", "23000", 1062, new int[] {-3, -3, -3}, inner);
        assertEquals(1, recognize(outer).size());
    }

    private ViolationKind kindOf(SQLException e) {
        return recognize(e).get(0).kind();
    }

    private List<RecognizedViolation> recognize(Throwable thrown) {
        return ViolationRecognizer.recognize(ViolationRecognizer.chainOf(thrown), standard);
    }

    /** A framework's exception whose getters all throw, except getCause and getErrorCode. */
    private static class HostileException extends SQLIntegrityConstraintViolationException {
        static final int VENDOR_CODE = 4711;

        HostileException(Throwable cause) {
            super("never read", "23505", VENDOR_CODE, cause);
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage");
        }

        @Override
        public String getSQLState() {
            throw new UnsupportedOperationException("getSQLState");
        }

        @Override
        public SQLException getNextException() {
            throw new IllegalStateException("getNextException");
        }
    }
}
