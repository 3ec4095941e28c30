package io.integrityagent.report;

import io.integrityagent.capture.BoundParameters;
import io.integrityagent.capture.ParameterValues;
import java.util.Collection;

/**
 * Turns a bound value into the text the agent writes: strings quoted like SQL literals, binaries and streams
 * described rather than shown, long values truncated, so that no value can flood a log line. Every value the
 * agent writes obeys one bound — a bind parameter, a literal written in the SQL, a value the database repeats in
 * its message — and the SQL text has a bound of its own. Control characters are kept as they are: each output
 * escapes them once, in its own format, through {@link io.integrityagent.util.Escaping}.
 */
public final class ValueRenderer {

    /** Messages and SQL are allowed more room than single values. */
    private static final int MIN_TEXT_LENGTH = 4000;

    private final int maxLength;
    private final int sqlMaxLength;

    /**
     * @param maxLength    the characters shown of one value
     * @param sqlMaxLength the characters shown of the SQL text, after its long literals were shortened
     */
    public ValueRenderer(int maxLength, int sqlMaxLength) {
        this.maxLength = maxLength;
        this.sqlMaxLength = sqlMaxLength;
    }

    /** The characters shown of one value ({@code values.max.length}). */
    public int maxLength() {
        return maxLength;
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
     * Shortens a message the database wrote; it keeps its line breaks, which each output escapes in its own
     * format. Long values inside it should be shortened first, with {@link #shortenValuesIn}.
     */
    public String shorten(String text) {
        return text == null ? null : truncate(text, Math.max(maxLength, MIN_TEXT_LENGTH));
    }

    /** Shortens the SQL text, whose long literals should be shortened first, with {@link #shortenLiteral}. */
    public String shortenSql(String sql) {
        return sql == null ? null : truncate(sql, sqlMaxLength);
    }

    /** A string literal as written in SQL (quotes and any prefix included), its content cut like any value. */
    public String shortenLiteral(String literal) {
        if (literal.length() <= maxLength + 2) {
            return literal;
        }
        char quote = literal.charAt(literal.length() - 1);
        return literal.substring(0, maxLength + 1) + "…(" + (literal.length() - 2) + " chars)" + quote;
    }

    /** A value the database printed, unquoted, cut like any value. */
    public String shortenValue(String value) {
        return value == null ? null : truncate(value, maxLength);
    }

    /**
     * {@code text} (a database's message) with each occurrence of a long value in {@code values} cut like the value
     * itself: PostgreSQL repeats a whole key in {@code Key (email)=(…)} and a whole row in its CHECK detail.
     */
    public String shortenValuesIn(String text, Collection<String> values) {
        if (text == null) {
            return null;
        }
        String shortened = text;
        for (String value : values) {
            if (value != null && value.length() > maxLength) {
                shortened = shortenOne(shortened, value);
            }
        }
        return shortened;
    }

    /** Cuts each run of {@code text} that starts like {@code value} for at least {@code maxLength} characters. */
    private String shortenOne(String text, String value) {
        String start = value.substring(0, maxLength);
        int at = text.indexOf(start);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            int end = at + maxLength;
            while (end < text.length() && end - at < value.length() && text.charAt(end) == value.charAt(end - at)) {
                end++;
            }
            out.append(text, from, at).append(start).append("…(").append(end - at).append(" chars)");
            from = end;
            at = text.indexOf(start, end);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** The value as plain text, unquoted: what a database message shows when it repeats it. */
    public static String raw(Object value) {
        return value == null || value == ParameterValues.UNSET ? null : safeToString(value);
    }

    private String quote(String text) {
        return "'" + truncate(text, maxLength).replace("'", "''") + "'";
    }

    private static String truncate(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, limit) + "…(" + text.length() + " chars)";
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<" + value.getClass().getName() + ": toString failed>";
        }
    }
}
