package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PendingRewriterTest {

    private final PendingRewriter pending = new PendingRewriter();
    private final ClassRewriter rewriter = new ClassRewriter(List.of(), null);

    @Test
    void aClassLoadedWhileTheAgentStartsWaitsForTheRewriter() throws Exception {
        CompletableFuture<ClassRewriter> waiting = CompletableFuture.supplyAsync(pending::await);
        Thread.sleep(100);
        assertFalse(waiting.isDone());
        pending.ready(rewriter);
        assertSame(rewriter, waiting.get(5, TimeUnit.SECONDS));
        assertSame(rewriter, pending.await());
    }

    @Test
    void anAgentThatDoesNotStartReleasesTheWaitingClassUnchanged() throws Exception {
        CompletableFuture<ClassRewriter> waiting = CompletableFuture.supplyAsync(pending::await);
        pending.abandon();
        assertNull(waiting.get(5, TimeUnit.SECONDS));
        assertTrue(pending.abandoned());
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndStaysForTheApplication() throws Exception {
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        CompletableFuture<ClassRewriter> result = new CompletableFuture<>();
        Thread loading = new Thread(() -> {
            result.complete(pending.await());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        loading.start();
        Thread.sleep(100);
        loading.interrupt();
        Thread.sleep(100);
        assertFalse(result.isDone(), "an interrupt must not end the wait");
        pending.ready(rewriter);
        loading.join(5_000);
        assertSame(rewriter, result.get());
        assertTrue(stillInterrupted.get());
    }
}
