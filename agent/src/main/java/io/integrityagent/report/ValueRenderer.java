package io.integrityagent.report;

import io.integrityagent.capture.BoundParameters;
import io.integrityagent.capture.ParameterValues;

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

    /** Escapes every control character (and the Unicode line separators) in Java notation. */
    public static String escapeControls(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = escapeOf(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<" + value.getClass().getName() + ": toString failed>";
        }
    }
}
