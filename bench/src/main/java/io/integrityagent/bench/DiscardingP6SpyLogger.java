package io.integrityagent.bench;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.FormattedLogger;

/**
 * A p6spy appender that lets p6spy format every line exactly as its file appender would, then drops it, so the
 * benchmark measures p6spy's capture and formatting rather than disk or console speed. The counters keep the
 * formatted text alive (no dead-code elimination) and let a check prove that p6spy really logged.
 */
public final class DiscardingP6SpyLogger extends FormattedLogger {

    private static long lines;
    private static long characters;

    @Override
    public void logText(String text) {
        lines++;
        characters += text.length();
    }

    @Override
    public void logException(Exception e) {
        lines++;
    }

    @Override
    public boolean isCategoryEnabled(Category category) {
        return true;
    }

    /** Lines formatted and discarded so far in this JVM. */
    public static long lines() {
        return lines;
    }

    static long characters() {
        return characters;
    }
}
