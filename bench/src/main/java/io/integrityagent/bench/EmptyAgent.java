package io.integrityagent.bench;

import java.lang.instrument.Instrumentation;

/**
 * A Java agent that does nothing: the "empty -javaagent" configuration. It separates what any agent costs the
 * JVM (on JDK 17, H2's select allocates about 100 bytes more per operation under any -javaagent, even this one)
 * from what an agent's own instrumentation costs.
 */
public final class EmptyAgent {

    static final String ATTACHED = "bench.empty-agent";

    private EmptyAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        System.setProperty(ATTACHED, "attached");
    }
}
