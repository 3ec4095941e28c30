package io.integrityagent.report;

import io.integrityagent.capture.ParameterValues;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlOperation;
import io.integrityagent.sql.SqlShape;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the application sent for each column, from the statement's bind parameters and literals. */
final class SentValues {
    private final SqlShape shape;
    private final ParameterValues parameters;
    private final boolean parentSide;
    private final Dialect dialect;
    /** The row of a multi-row VALUES list the values are taken from; {@link #ANY_ROW} while it is not known. */
    private final int row;

    private static final int ANY_ROW = -1;

    SentValues(SqlShape shape, ParameterValues parameters, boolean parentSide, Dialect dialect) {
        this(shape, parameters, parentSide, dialect, ANY_ROW);
    }

    private SentValues(SqlShape shape, ParameterValues parameters, boolean parentSide, Dialect dialect, int row) {
        this.shape = shape;
        this.parameters = parameters;
        this.parentSide = parentSide;
        this.dialect = dialect;
        this.row = row;
    }

    /** The values of one row (0-based) of a multi-row {@code INSERT … VALUES (…), (…)}. */
    SentValues inRow(int chosen) {
        return new SentValues(shape, parameters, parentSide, dialect, chosen);
    }

    /** How many rows the statement's VALUES list has: 1 for anything but a multi-row INSERT. */
    int rowCount() {
        int rows = 1;
        for (ColumnSource source : shape.columns()) {
            rows = Math.max(rows, source.row() + 1);
        }
        return rows;
    }

    /**
     * The sent value of each column, or what the database reported for it when the statement does not
     * tell (a column the SQL does not name, a multi-row insert where the failing row is unknown).
     */
    Map<String, Object> forColumns(List<String> columns, ViolationFacts facts) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : columns) {
            Object value = valueOf(column);
            String reported = facts.reportedValues().get(column);
            // The number the database says it holds wins over a different one sent: a trigger or a default
            // changed it before the constraint saw it.
            if (reported != null && (value == null || !sentAsReported(value, reported))) {
                value = new Literal(reported);
            }
            if (value != null) {
                values.put(column, value == NULL_SENT ? null : value);
            }
        }
        return values;
    }

    /**
     * Whether a value sent may be the one the database printed. Only numbers are compared: a string or a typed
     * value the database prints in its own form (a range normalised, a timestamp without its zeros), and one it
     * cut short reads differently though it is the same.
     */
    static boolean sentAsReported(Object value, String reported) {
        BigDecimal sent = value instanceof Number ? number(value.toString())
                : value instanceof Literal ? number(((Literal) value).text()) : null;
        BigDecimal printed = number(LiteralValues.content(reported));
        return sent == null || printed == null || sent.compareTo(printed) == 0;
    }

    /** The number {@code text} writes, or null: tested first, as most values compared are not numbers at all. */
    private static BigDecimal number(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NUMBER_LENGTH) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * Every column the statement gives a value, when the database does not say which one failed; nothing for a
     * multi-row INSERT whose failing row is not known.
     */
    Map<String, Object> wholeRow() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (row == ANY_ROW && rowCount() > 1) {
            return values;
        }
        for (ColumnSource source : shape.columns()) {
            if (source.role() == ColumnSource.Role.VALUE && source.row() == Math.max(row, 0)) {
                Object value = valueOf(source);
                if (value != null) {
                    values.put(dialect.canonicalName(source.column(), source.exactName()),
                            value == NULL_SENT ? null : value);
                }
            }
        }
        return values;
    }

    /** The NOT NULL columns an INSERT with a column list left out, so they got no value at all. */
    List<String> omittedFromInsert(List<String> columns) {
        if (shape.operation() != SqlOperation.INSERT || shape.columns().isEmpty()) {
            return Collections.emptyList();
        }
        List<String> omitted = new ArrayList<>();
        for (String column : columns) {
            if (shape.sourcesOf(column).isEmpty()) {
                omitted.add(column);
            }
        }
        return omitted;
    }

    /**
     * Every value the statement gives a column (in the chosen row), null where it is not known: for telling
     * which row carries a value the database echoed without naming its column.
     */
    List<Object> valuesGiven() {
        List<Object> values = new ArrayList<>();
        for (ColumnSource source : shape.columns()) {
            if (source.role() == ColumnSource.Role.VALUE && (row == ANY_ROW || source.row() == row)) {
                values.add(valueOf(source));
            }
        }
        return values;
    }

    /**
     * The value sent for {@code column}: a bound value, a {@link Literal}, {@link #isNullSent SQL NULL}, or null
     * when it is not known (not in the SQL, an expression, several rows or conditions).
     */
    Object valueOf(String column) {
        List<ColumnSource> sources = shape.sourcesOf(column);
        ColumnSource.Role preferred = parentSide ? ColumnSource.Role.WHERE : ColumnSource.Role.VALUE;
        ColumnSource chosen = null;
        for (ColumnSource source : sources) {
            if (source.role() == preferred && (row == ANY_ROW || source.row() == row)) {
                if (chosen != null) {
                    return null; // several rows or conditions: which one failed is not known
                }
                chosen = source;
            }
        }
        return chosen == null ? null : valueOf(chosen);
    }

    Object valueOf(ColumnSource source) {
        if (source.isLiteral()) {
            return "NULL".equalsIgnoreCase(source.literal()) ? NULL_SENT : new Literal(source.literal());
        }
        if (source.isParameter() && parameters != null && parameters.isSet(source.parameterIndex())) {
            Object value = parameters.value(source.parameterIndex());
            return value == null ? NULL_SENT : value;
        }
        return null;
    }

    /** Longer than any number a database prints for a key: a longer text is not taken for one. */
    private static final int MAX_NUMBER_LENGTH = 64;

    /** Stands for an SQL NULL the application sent, as opposed to no value known. */
    private static final Object NULL_SENT = new Object();

    static boolean isNullSent(Object value) {
        return value == NULL_SENT;
    }

    /** A value written as a literal in the SQL text, kept as written. */
    static final class Literal {
        private final String text;

        Literal(String text) {
            this.text = text;
        }

        /** The literal as written, quotes included, unescaped. */
        String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
