package io.integrityagent.report;

import io.integrityagent.capture.BoundParameters;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.output.Escaping;

/**
 * Turns a bound value into the text the agent writes: strings quoted like SQL literals, binaries and streams
 * described rather than shown, long values truncated and control characters escaped, so that no value can
 * break a log line or flood it.
 */
public final class ValueRenderer {

    /** Messages and SQL are allowed more room than single values. */
    private static final int MIN_TEXT_LENGTH = 4000;

    private final int maxLength;

    public ValueRenderer(int maxLength) {
        this.maxLength = maxLength;
    }

    public String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value == ParameterValues.UNSET) {
            return "<unset>";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof byte[]) {
            return "<" + ((byte[]) value).length + " bytes>";
        }
        if (value instanceof BoundParameters.Placeholder) {
            return value.toString();
        }
        return quote(safeToString(value));
    }

    /**
     * Shortens text the database or the application wrote (a message, a SQL statement); it keeps its line
     * breaks, which each output escapes in its own format.
     */
    public String shorten(String text) {
        return text == null ? null : truncate(text, Math.max(maxLength, MIN_TEXT_LENGTH));
    }

    /** The value as plain text, unquoted: what a database message shows when it repeats it. */
    public static String raw(Object value) {
        return value == null || value == ParameterValues.UNSET ? null : safeToString(value);
    }

    private String quote(String text) {
        return "'" + escapeControls(truncate(text, maxLength)).replace("'", "''") + "'";
    }

    private static String truncate(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, limit) + "…(" + text.length() + " chars)";
    }

    /** Escapes what could start a line or reorder it, by the rule every output of the agent follows. */
    public static String escapeControls(String text) {
        return Escaping.text(text);
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<" + value.getClass().getName() + ": toString failed>";
        }
    }
}
