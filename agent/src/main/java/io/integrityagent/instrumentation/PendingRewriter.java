package io.integrityagent.instrumentation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ClassRewriter}, once the agent's start thread has put the bootstrap hooks in place (rewritten code
 * calls them, so nothing may be rewritten before). A JDBC class that loads before that waits here, a moment at
 * most.
 */
final class PendingRewriter {

    /** Far longer than starting takes; bounded so that a start that hangs cannot hold up class loading. */
    private static final long MAX_WAIT_SECONDS = 10;

    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile ClassRewriter rewriter;
    private volatile boolean abandoned;

    void ready(ClassRewriter ready) {
        rewriter = ready;
        settled.countDown();
    }

    /** The agent will not start (disabled, or its start failed): nothing waits any more. */
    void abandon() {
        abandoned = true;
        settled.countDown();
    }

    /**
     * The rewriter, waiting for it while the agent is starting; null if it did not come. An interrupt does not
     * cut the wait short (the class would stay uninstrumented for good); it is kept for the application.
     */
    ClassRewriter await() {
        ClassRewriter ready = rewriter;
        if (ready != null) {
            return ready;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        try {
            while (true) {
                try {
                    settled.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return rewriter;
                } catch (InterruptedException interrupt) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the agent chose not to start, as opposed to taking too long. */
    boolean abandoned() {
        return abandoned;
    }
}
