package io.integrityagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.bootstrap.JdbcHooks;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.config.AgentConfig;
import io.integrityagent.instrumentation.CaptureHooks;
import io.integrityagent.output.AgentMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline is built when the first violation needs it; violations that come while the agent starts or the
 * pipeline is built wait for it, and those after it go straight to it: each is reported once, none is lost, and
 * the agent counts no failure of its own.
 */
class StartWindowTest {

    private static final int THREADS = 4;
    private static final int EACH = 200;

    private final JdbcHooks before = Hooks.jdbc;

    @AfterEach
    void restore() {
        Hooks.jdbc = before;
    }

    @Test
    void violationsBeforeDuringAndAfterTheStartAreEachReportedOnce() throws Exception {
        Path events = Files.createTempDirectory("start-window").resolve("events.jsonl");
        AgentMetrics metrics = new AgentMetrics();
        StartingPipeline starting = new StartingPipeline();
        starting.countLostWith(() -> metrics.countInternalError("start"));
        AtomicInteger internal = new AtomicInteger();
        CaptureHooks.install(starting, true, internal::incrementAndGet); // as the agent's start does
        JdbcHooks hooks = Hooks.jdbc;

        CyclicBarrier go = new CyclicBarrier(THREADS + 1);
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Thread(() -> {
                await(go);
                for (int i = 0; i < EACH; i++) {
                    violate(hooks);
                }
            });
            workers[t].start();
        }
        await(go);
        OutputsStart.start(AgentConfig.load("events.file=" + events + ",log.format=off,metrics.application=off",
                Map.of(), Map.of()), metrics, starting, null);
        for (Thread worker : workers) {
            worker.join();
        }
        violate(hooks); // after the start, through the pipeline the hooks were handed over to

        List<String> lines = Files.readAllLines(events);
        assertEquals(THREADS * EACH + 1, lines.size());
        assertEquals(0, internal.get());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("\"callSite\":\"" + StartWindowTest.class.getName() + ".violate("), last);
        assertFalse(metrics.scrape().contains("stage=\"start\""), metrics.scrape());
    }

    @Test
    void thePipelineIsBuiltByTheFirstViolationAndOnlyOnce() {
        StartingPipeline starting = new StartingPipeline();
        AtomicInteger builds = new AtomicInteger();
        List<FailedExecution> handled = new ArrayList<>();
        starting.buildOnFirstUse(() -> {
            builds.incrementAndGet();
            return handled::add;
        });
        assertEquals(0, builds.get());

        FailedExecution first = new FailedExecution(new SQLException("first"), null, null, "insert", false);
        FailedExecution second = new FailedExecution(new SQLException("second"), null, null, "insert", false);
        starting.onFailure(first);
        starting.onFailure(second);

        assertEquals(1, builds.get());
        assertEquals(List.of(first, second), handled);
    }

    /** A thread the application's first violation made would join its group, and be listed and interrupted there. */
    @Test
    void theFirstViolationLeavesNoThreadOfTheAgentsInTheApplicationsGroup() throws Exception {
        StartingPipeline starting = new StartingPipeline();
        AgentMetrics metrics = new AgentMetrics();
        CaptureHooks.install(starting, true, () -> { });
        JdbcHooks hooks = Hooks.jdbc;
        OutputsStart.start(AgentConfig.load("metrics.application=off", Map.of(), Map.of()), metrics, starting, null);

        ThreadGroup application = new ThreadGroup("application");
        Thread worker = new Thread(application, () -> violate(hooks), "worker");
        worker.start();
        worker.join();

        assertEquals(0, application.activeCount());
        assertTrue(metrics.scrape().contains("db_integrity_violations_total{"), metrics.scrape());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
    }

    private static void violate(JdbcHooks hooks) {
        hooks.executing();
        hooks.executed(new Object(), "insert into users (email) values ('a@example.com')",
                new SQLIntegrityConstraintViolationException("Unique index or primary key violation:"
                        + " \"PUBLIC.UK_USERS_EMAIL ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 1 */"
                        + " 'a@example.com' )\"; SQL statement:\ninsert into users (email) values"
                        + " ('a@example.com') [23505-224]", "23505", 23505));
    }
}
