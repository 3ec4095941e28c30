package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.SqlFlood;
import org.junit.jupiter.api.Test;

/**
 * A flood of 200 distinct violating plain-SQL texts of 1 MB each (issue 7, item 5) through the packaged agent:
 * what the agent keeps of them is bounded in bytes, so the heap retained after garbage collection stays what it is
 * without the agent, and an application that fits in 200 MB without the agent still fits with it. (Before the
 * caches were bounded in bytes the agent kept about 400 MB of such a flood, and the 200 MB application died.)
 * H2 keeps parsed statements behind soft references, which a JVM clears only when it needs the room; the
 * measuring runs clear them at every collection, so that what stays is only what is really kept.
 */
class BoundedMemoryIT {

    private static final String TEXTS = "200";
    /** Just under H2's longest VARCHAR. */
    private static final String ONE_MB = String.valueOf(999_000);
    /** Generous: the agent's own classes, metrics and bounded caches, but far less than one text in ten. */
    private static final long MAX_EXTRA_BYTES = 40L << 20;

    @Test
    void aFloodOfLargeDistinctSqlTextsLeavesRetainedHeapFlat() throws Exception {
        long without = retained(measuring(AgentProcess.app().withoutAgent()));
        long with = retained(measuring(AgentProcess.app().agentArguments("log.format=json")));
        assertTrue(with - without < MAX_EXTRA_BYTES, "retained heap without the agent " + mb(without)
                + ", with it " + mb(with));
    }

    @Test
    void anApplicationThatFitsIn200MbStillFitsWithTheAgent() throws Exception {
        AgentProcess.Result result = AgentProcess.app().libraries("h2").jvmOption("-Xmx200m")
                .run(SqlFlood.class, TEXTS, ONE_MB);
        assertFalse(result.stderr.contains("OutOfMemoryError"), result.stderr);
        result.assertSucceeded();
        assertTrue(result.stdout.contains("REFUSED " + TEXTS), result.stdout);
    }

    private static AgentProcess.Result measuring(AgentProcess app) throws Exception {
        return app.libraries("h2").jvmOption("-Xmx1g").jvmOption("-XX:+UseSerialGC")
                .jvmOption("-XX:SoftRefLRUPolicyMSPerMB=0").run(SqlFlood.class, TEXTS, ONE_MB).assertSucceeded();
    }

    private static long retained(AgentProcess.Result result) {
        assertTrue(result.stdout.contains("REFUSED " + TEXTS), result.stdout);
        String line = result.stdout.lines().filter(l -> l.startsWith("RETAINED ")).findFirst()
                .orElseThrow(() -> new AssertionError(result.stdout));
        long bytes = Long.parseLong(line.substring("RETAINED ".length()));
        assertTrue(bytes > 0, line);
        return bytes;
    }

    private static String mb(long bytes) {
        return (bytes >> 20) + " MB";
    }
}
