package io.integrityagent.report;

import io.integrityagent.capture.ParameterValues;
import io.integrityagent.recognition.Dialect;
import io.integrityagent.recognition.ViolationFacts;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlShape;
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

    SentValues(SqlShape shape, ParameterValues parameters, boolean parentSide, Dialect dialect) {
        this.shape = shape;
        this.parameters = parameters;
        this.parentSide = parentSide;
        this.dialect = dialect;
    }

    /**
     * The sent value of each column, or what the database reported for it when the statement does not
     * tell (a column the SQL does not name, a multi-row insert where the failing row is unknown).
     */
    Map<String, Object> forColumns(List<String> columns, ViolationFacts facts) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : columns) {
            Object value = valueOf(column);
            if (value == null) {
                String reported = facts.reportedValues().get(column);
                value = reported == null ? null : new Literal(reported);
            }
            if (value != null) {
                values.put(column, value == NULL_SENT ? null : value);
            }
        }
        return values;
    }

    /** Every column the statement gives a value, when the database does not say which one failed. */
    Map<String, Object> wholeRow() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnSource source : shape.columns()) {
            if (source.role() == ColumnSource.Role.VALUE && source.row() == 0) {
                Object value = valueOf(source);
                if (value != null) {
                    values.put(dialect.canonicalName(source.column()), value == NULL_SENT ? null : value);
                }
            }
        }
        return values;
    }

    /** The NOT NULL columns an INSERT with a column list left out, so they got no value at all. */
    List<String> omittedFromInsert(List<String> columns) {
        if (!"INSERT".equals(shape.operation()) || shape.columns().isEmpty()) {
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

    private Object valueOf(String column) {
        List<ColumnSource> sources = shape.sourcesOf(column);
        ColumnSource.Role preferred = parentSide ? ColumnSource.Role.WHERE : ColumnSource.Role.VALUE;
        ColumnSource chosen = null;
        for (ColumnSource source : sources) {
            if (source.role() == preferred) {
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

    /** Stands for an SQL NULL the application sent, as opposed to no value known. */
    private static final Object NULL_SENT = new Object();

    /** A value written as a literal in the SQL text, kept as written. */
    static final class Literal {
        private final String text;

        Literal(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return ValueRenderer.escapeControls(text);
        }
    }
}
