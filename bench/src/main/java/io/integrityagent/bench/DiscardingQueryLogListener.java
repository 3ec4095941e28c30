package io.integrityagent.bench;

import net.ttddyy.dsproxy.listener.logging.AbstractQueryLoggingListener;

/**
 * A datasource-proxy query-logging listener that builds each entry (query and parameters) with the library's
 * default entry creator, as its SLF4J or JUL listeners do, then drops it instead of writing it anywhere.
 */
public final class DiscardingQueryLogListener extends AbstractQueryLoggingListener {

    private static long entries;
    private static long characters;

    public DiscardingQueryLogListener() {
        setLoggingCondition(() -> true);
    }

    @Override
    protected void writeLog(String message) {
        entries++;
        characters += message.length();
    }

    /** Entries formatted and discarded so far in this JVM. */
    public static long entries() {
        return entries;
    }

    static long characters() {
        return characters;
    }
}
