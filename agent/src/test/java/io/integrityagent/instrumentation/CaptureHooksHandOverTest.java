package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.bootstrap.JdbcHooks;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaptureHooksHandOverTest {

    private final JdbcHooks before = Hooks.jdbc;
    private final List<String> received = new ArrayList<>();
    private final AtomicInteger internal = new AtomicInteger();
    private final FailureHandler standIn = failure -> received.add("stand-in " + failure.sql());

    @AfterEach
    void restore() {
        Hooks.jdbc = before;
    }

    @Test
    void failuresReachTheStandInUntilHandedOverThenThePipelineOncePerOutermostCall() {
        CaptureHooks.install(standIn, false, internal::incrementAndGet);
        JdbcHooks hooks = Hooks.jdbc;
        Object statement = new Object();
        fail(hooks, statement, "A");
        CaptureHooks.handOver(standIn, failure -> received.add("pipeline " + failure.sql()));

        hooks.executing(); // a wrapper's execute around the driver's: reported once, at the outermost exit
        fail(hooks, statement, "B");
        hooks.executed(statement, "B-outer", violation());
        hooks.executingBatch(statement);
        hooks.executedBatch(statement, violation());
        hooks.executing();
        hooks.committed(new Object(), violation());

        assertEquals(List.of("stand-in A", "pipeline B", "pipeline null", "pipeline COMMIT"), received);
        assertEquals(0, internal.get());
    }

    @Test
    void hooksHandingToAnotherThanTheStandInAreLeftAlone() {
        CaptureHooks.install(standIn, false, internal::incrementAndGet);
        CaptureHooks.handOver(failure -> received.add("another stand-in"), failure -> received.add("pipeline"));

        fail(Hooks.jdbc, new Object(), "A");

        assertEquals(List.of("stand-in A"), received);
    }

    @Test
    void aPipelineThatThrowsIsCountedAndNeverReachesTheApplication() {
        CaptureHooks.install(standIn, false, internal::incrementAndGet);
        CaptureHooks.handOver(standIn, failure -> {
            throw new StackOverflowError();
        });
        JdbcHooks hooks = Hooks.jdbc;
        Object statement = new Object();

        fail(hooks, statement, "A");
        hooks.executingBatch(statement);
        hooks.executedBatch(statement, violation());
        hooks.executing();
        hooks.committed(new Object(), violation());

        assertEquals(3, internal.get());
        assertEquals(List.of(), received);
    }

    private static void fail(JdbcHooks hooks, Object statement, String sql) {
        hooks.executing();
        hooks.executed(statement, sql, violation());
    }

    private static SQLIntegrityConstraintViolationException violation() {
        return new SQLIntegrityConstraintViolationException("duplicate", "23505");
    }
}
