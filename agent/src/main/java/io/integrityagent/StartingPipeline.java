package io.integrityagent;

import io.integrityagent.capture.FailedExecution;
import io.integrityagent.instrumentation.FailureHandler;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stands in for the pipeline until it is built: a violation that comes while the agent is starting waits for the
 * start, a moment at most, and the first one after it builds the pipeline (those that come meanwhile wait for it,
 * once), so that each is reported like any other. At exit it runs what the outputs need done then (from the one
 * shutdown hook registered at start-up: the JVM takes no new hooks once it is exiting).
 */
final class StartingPipeline implements FailureHandler {

    /** Longer than starting ever takes; bounded so that a start that hangs cannot hold up the application. */
    private static final long MAX_WAIT_SECONDS = 10;
    /** How long an application that exits at once waits for the start-up line and the outputs it opened. */
    private static final long MAX_EXIT_WAIT_SECONDS = 2;

    private final CountDownLatch ready = new CountDownLatch(1);
    /**
     * Counts a report lost because the pipeline never started, or an exit action that failed; given once the
     * agent's metrics exist, before any hook can report.
     */
    private volatile Runnable countLost;
    private volatile FailureHandler pipeline;
    /** Builds the pipeline once the start is over; null once it has, or when there is nothing to build. */
    private Supplier<FailureHandler> builder;
    private final List<Runnable> exitActions = new CopyOnWriteArrayList<>();

    void countLostWith(Runnable counter) {
        countLost = counter;
    }

    /** The pipeline is ready; {@link FailureHandler#NONE} if the agent could not start. */
    void started(FailureHandler built) {
        pipeline = built;
        ready.countDown();
    }

    /** The start is over; {@code build} makes the pipeline when the first violation comes, never throwing. */
    void buildOnFirstUse(Supplier<FailureHandler> build) {
        synchronized (this) {
            builder = build;
        }
        ready.countDown();
    }

    @Override
    public void onFailure(FailedExecution failure) {
        FailureHandler current = pipeline;
        if (current == null) {
            current = awaitStart();
        }
        if (current == null) {
            countLost();
        } else {
            current.onFailure(failure);
        }
    }

    /** Runs {@code action} when the JVM exits. */
    void atExit(Runnable action) {
        exitActions.add(action);
    }

    /** The one shutdown hook; an anonymous class rather than a lambda, for the reason {@link IntegrityAgent} gives. */
    Thread exitHook() {
        return new Thread("integrity-agent-exit") {
            @Override
            public void run() {
                exit();
            }
        };
    }

    private void countLost() {
        Runnable counter = countLost;
        if (counter != null) {
            counter.run();
        }
    }

    /**
     * The shutdown hook: waits for the start (an application that is done at once still gets its start-up
     * line and outputs), then runs the exit actions.
     */
    void exit() {
        try {
            ready.await(MAX_EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Runnable action : exitActions) {
            try {
                action.run();
            } catch (Throwable failed) {
                countLost();
            }
        }
    }

    private FailureHandler awaitStart() {
        try {
            ready.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the application's, to keep
        }
        FailureHandler started = pipeline;
        return started != null ? started : builtOnce();
    }

    /**
     * Built with the agent's own permissions, not those of the application's code on this thread's stack (under a
     * SecurityManager, JDK 23 and before).
     */
    @SuppressWarnings("removal")
    private synchronized FailureHandler builtOnce() {
        if (pipeline == null && builder != null) {
            Supplier<FailureHandler> build = builder;
            pipeline = AccessController.doPrivileged((PrivilegedAction<FailureHandler>) build::get);
            builder = null;
        }
        return pipeline;
    }
}
