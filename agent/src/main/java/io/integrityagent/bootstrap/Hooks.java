package io.integrityagent.bootstrap;

/**
 * Where advice finds the agent: set once at start-up, before any class is instrumented, so advice never sees
 * it unset. Reading it is the only cost the bootstrap class path adds to a hooked call.
 */
public final class Hooks {

    public static volatile JdbcHooks jdbc;

    private Hooks() {
    }
}
