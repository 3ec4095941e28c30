package io.integrityagent.bootstrap;

/**
 * Where advice finds the agent: set once at start-up, before any class is instrumented, so advice never sees
 * it unset. Reading it is the only cost the bootstrap class path adds to a hooked call.
 *
 * <p>The small hot methods of a driver — its binds, {@code prepareStatement} and a statement's {@code close} —
 * call the static hooks here instead, which the JIT never inlines into them (the agent marks them so when it
 * defines this class, see {@code OutOfLineHooks}). The JIT inlines such a method into the application's code only
 * while the method's own compiled code stays under a limit (HotSpot's InlineSmallCode, 2,500 bytes); with the
 * hook's code inlined, H2's {@code setLong}, {@code setInt}, {@code prepareStatement} and {@code close} went over
 * it and cost the application a call each. A bind calls its hook on entry: a call later in the bind, inside the
 * driver's exception handler, still took {@code setLong} over. A failing execution's hooks stay behind
 * {@link #jdbc}: its walk to the call site would pay for a frame more here.
 */
public final class Hooks {

    public static volatile JdbcHooks jdbc;

    private Hooks() {
    }

    public static void prepared(Object statement, String sql) {
        jdbc.prepared(statement, sql);
    }

    public static void closed(Object statement) {
        jdbc.closed(statement);
    }

    public static void boundObject(Object statement, int index, Object value) {
        jdbc.boundObject(statement, index, value);
    }

    public static void boundNull(Object statement, int index) {
        jdbc.boundNull(statement, index);
    }

    public static void boundInt(Object statement, int index, int value) {
        jdbc.boundInt(statement, index, value);
    }

    public static void boundLong(Object statement, int index, long value) {
        jdbc.boundLong(statement, index, value);
    }

    public static void boundDouble(Object statement, int index, double value) {
        jdbc.boundDouble(statement, index, value);
    }

    public static void boundFloat(Object statement, int index, float value) {
        jdbc.boundFloat(statement, index, value);
    }

    public static void boundBoolean(Object statement, int index, boolean value) {
        jdbc.boundBoolean(statement, index, value);
    }

    public static void boundPlaceholder(Object statement, int index, String setterName) {
        jdbc.boundPlaceholder(statement, index, setterName);
    }
}
