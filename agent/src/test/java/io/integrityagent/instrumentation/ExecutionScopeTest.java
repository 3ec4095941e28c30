package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.capture.FailedExecution;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExecutionScopeTest {

    private final SQLException thrown = new SQLException("duplicate", "23505");

    @Test
    void onlyTheOutermostCallReportsAndItReportsTheInnermostCapture() {
        ExecutionScope outer = enter();
        ExecutionScope inner = enter();
        assertSame(outer, inner, "one scope per thread");
        FailedExecution driverView = new FailedExecution(thrown, null, null, "INSERT INTO t VALUES (?)", false);
        FailedExecution poolView = new FailedExecution(thrown, null, null, "INSERT INTO t VALUES (?) -- pool", true);

        inner.recordFailure(driverView);
        assertNull(inner.exit(), "an inner level does not report");
        outer.recordFailure(poolView);

        FailedExecution reported = outer.exit();
        assertSame(driverView, reported);
        assertEquals("INSERT INTO t VALUES (?)", reported.sql());
        assertFalse(ExecutionScope.isExecuting());
    }

    @Test
    void theInnermostCaptureTakesWhatItLacksFromTheOuterOnes() {
        ExecutionScope outer = enter();
        ExecutionScope inner = enter();
        inner.recordFailure(new FailedExecution(thrown, null, null, null, false));
        inner.exit();
        outer.recordFailure(new FailedExecution(thrown, null, null, "DELETE FROM t", false));

        assertEquals("DELETE FROM t", outer.exit().sql());
    }

    @Test
    void aScopeIsCleanForTheNextCallOnceLeft() {
        ExecutionScope first = enter();
        first.recordFailure(new FailedExecution(thrown, null, null, "UPDATE t SET a = 1", false));
        assertNotNull(first.exit());

        ExecutionScope next = enter();
        assertTrue(ExecutionScope.isExecuting());
        assertNull(next.exit(), "the earlier failure is not reported again");
        assertFalse(ExecutionScope.isExecuting());
    }

    @Test
    void theAgentsOwnQueriesAreNotObservedAndObservationResumesAfterThem() throws Exception {
        AtomicBoolean nestedUnobserved = new AtomicBoolean();

        String answer = ExecutionScope.unobserved(() -> {
            assertNull(enter());
            ExecutionScope.unobserved(() -> {
                nestedUnobserved.set(enter() == null);
                return null;
            });
            assertNull(enter(), "still unobserved after a nested unobserved call");
            return "catalog answer";
        });

        assertEquals("catalog answer", answer);
        assertTrue(nestedUnobserved.get());
        ExecutionScope observed = enter();
        assertNotNull(observed);
        observed.exit();
    }

    @Test
    void anUnobservedCallThatThrowsStillEndsUnobservation() {
        assertThrows(SQLException.class, () -> ExecutionScope.unobserved(() -> {
            throw new SQLException("catalog unavailable");
        }));
        ExecutionScope observed = enter();
        assertNotNull(observed);
        observed.exit();
    }

    @Test
    void eachThreadHasItsOwnDepth() throws InterruptedException {
        ExecutionScope here = enter();
        AtomicBoolean executingThere = new AtomicBoolean(true);
        Thread other = new Thread(() -> executingThere.set(ExecutionScope.isExecuting()));
        other.start();
        other.join();

        assertFalse(executingThere.get());
        assertTrue(ExecutionScope.isExecuting());
        here.exit();
    }

    /** Enters as an execute call's entry does, and returns the scope its exit finds. */
    private static ExecutionScope enter() {
        ExecutionScope.enter();
        return ExecutionScope.current();
    }
}
