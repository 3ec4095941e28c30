package io.integrityagent.report;

import io.integrityagent.capture.BoundParameters;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.dialect.ConsoleSyntax;
import io.integrityagent.explanation.LookupQuery;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlOperation;
import io.integrityagent.sql.SqlShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rows show what a violation was about, and so which lookup query the report carries:
 * <ul>
 *   <li>a unique key: the existing row, by the key's columns and the values sent for them;</li>
 *   <li>a foreign key refusing a child row: the parent that is missing, by the referenced columns and the values
 *       sent for the key (that it finds nothing is the point);</li>
 *   <li>a foreign key refusing to delete or re-key a parent: the child rows that still refer to it, by the key's
 *       columns and the parent's key values;</li>
 *   <li>NOT NULL and CHECK on an UPDATE whose WHERE clause is nothing but equalities: the row it targeted.</li>
 * </ul>
 * Anything else — an INSERT's NOT NULL or CHECK (there is no row yet), an exclusion constraint, a key whose columns
 * or values are not all known — has no lookup. Values are taken as sent (bound or written in the SQL) and
 * otherwise as the database printed them; a value of a sensitive column, or one holding a secret, is a placeholder.
 * The tables are qualified as the statement qualified its own, a foreign key's other table being taken to live in
 * the same schema.
 */
final class LookupTarget {

    private final ResolvedViolation resolved;
    private final Masking masking;
    private final Redactor redactor;
    private final Map<String, String> shownValues;

    /** @param shownValues the report's values by column, as masked for it */
    LookupTarget(ResolvedViolation resolved, Masking masking, Redactor redactor, Map<String, String> shownValues) {
        this.resolved = resolved;
        this.masking = masking;
        this.redactor = redactor;
        this.shownValues = shownValues;
    }

    /**
     * The lookup query, or null when the violation has none or it cannot be written correctly. A query that the
     * masking would still change (a secret in a name) is none either: a masked query would be a wrong one.
     */
    String query(int maxValueLength) {
        String query = unmasked(maxValueLength);
        return query != null && masking.text(query).equals(query) ? query : null;
    }

    private String unmasked(int maxValueLength) {
        ViolationFacts facts = resolved.facts();
        ConsoleSyntax syntax = ConsoleSyntax.of(resolved.dialect().system());
        LookupQuery writer = new LookupQuery(syntax, maxValueLength);
        String qualifier = resolved.shape().qualifier();
        switch (facts.kind()) {
            case UNIQUE:
                // A unique index over an expression (PostgreSQL's lower(email)) names no column to compare.
                if (resolved.columns().stream().anyMatch(column -> column.indexOf('(') >= 0)) {
                    return null;
                }
                return writer.select(qualifier, resolved.table(), keyValues(resolved.columns(), resolved.columns()));
            case FOREIGN_KEY:
                List<String> referenced = facts.referencedColumns();
                if (referenced.size() != facts.columns().size()) {
                    return null;
                }
                return facts.parentSide()
                        ? writer.select(otherTableQualifier(facts.schema(), qualifier, syntax), facts.table(),
                                keyValues(facts.columns(), referenced))
                        : writer.select(otherTableQualifier(facts.referencedSchema(), qualifier, syntax),
                                facts.referencedTable(), keyValues(referenced, facts.columns()));
            case NOT_NULL:
            case CHECK:
                return writer.select(qualifier, resolved.table(), targetedRow());
            default:
                return null;
        }
    }

    /**
     * What to write before the name of a foreign key's other table, the one the statement did not name: its schema
     * when the key crosses schemas, else what the statement wrote before its own table's name; null when that
     * schema's name cannot be written.
     */
    private String otherTableQualifier(String otherSchema, String statementQualifier, ConsoleSyntax syntax) {
        if (!resolved.facts().crossesSchemas()) {
            return statementQualifier;
        }
        String schema = syntax.name(otherSchema);
        return schema == null ? null : schema + ".";
    }

    /**
     * {@code lookedUp[i]} → the value of {@code known[i]}: the same column for a unique key, the other side's
     * column for a foreign key. Empty when a column's value is not known.
     */
    private Map<LookupQuery.Column, LookupQuery.Value> keyValues(List<String> lookedUp, List<String> known) {
        Map<LookupQuery.Column, LookupQuery.Value> values = new LinkedHashMap<>();
        for (int i = 0; i < lookedUp.size(); i++) {
            LookupQuery.Value value = valueOf(known.get(i), lookedUp.get(i));
            if (value == null) {
                return Map.of();
            }
            values.put(LookupQuery.Column.named(lookedUp.get(i)), value);
        }
        return values;
    }

    /** The WHERE equalities of an UPDATE that chose its rows by them alone; empty for anything else. */
    private Map<LookupQuery.Column, LookupQuery.Value> targetedRow() {
        SqlShape shape = resolved.shape();
        if (shape.operation() != SqlOperation.UPDATE || !shape.whereFullyRead()) {
            return Map.of();
        }
        Map<LookupQuery.Column, LookupQuery.Value> values = new LinkedHashMap<>();
        for (ColumnSource source : shape.columns()) {
            if (source.role() == ColumnSource.Role.WHERE) {
                Object sent = resolved.sent().valueOf(source);
                if (sent == null) {
                    return Map.of();
                }
                // As written, so that a quoted name stays the name it quotes.
                String column = resolved.dialect().canonicalName(source.column(), source.exactName());
                values.put(LookupQuery.Column.written(source.writtenName(), source.column()),
                        shown(sent, column, column));
            }
        }
        return values;
    }

    /**
     * What is known of the value of {@code column} (whose value the lookup compares {@code lookedUp} with): as
     * sent; for a column an UPDATE left alone, the value its WHERE clause pins it to; else as the database printed
     * it; null when none of them tells.
     */
    private LookupQuery.Value valueOf(String column, String lookedUp) {
        SentValues sent = resolved.sent();
        Object value = sent.valueOf(column);
        if (value == null && keptByUpdate(column)) {
            value = whereValueOf(column);
        }
        String printed = resolved.facts().reportedValues().get(column);
        if (value != null && (printed == null || SentValues.sentAsReported(value, printed))) {
            return shown(value, column, lookedUp);
        }
        if (printed == null) {
            return null;
        }
        return secret(LiteralValues.content(printed), column, lookedUp) ? LookupQuery.Value.masked()
                : LookupQuery.Value.printed(printed);
    }

    /** A column that a child-side UPDATE does not assign, so it keeps the value of the rows it targets. */
    private boolean keptByUpdate(String column) {
        SqlShape shape = resolved.shape();
        if (shape.operation() != SqlOperation.UPDATE || resolved.facts().parentSide()) {
            return false;
        }
        return shape.sourcesOf(column).stream().noneMatch(source -> source.role() == ColumnSource.Role.VALUE);
    }

    private Object whereValueOf(String column) {
        Object found = null;
        for (ColumnSource source : resolved.shape().sourcesOf(column)) {
            if (source.role() == ColumnSource.Role.WHERE) {
                if (found != null) {
                    return null; // two equalities of one column: which holds is not known
                }
                found = resolved.sent().valueOf(source);
            }
        }
        return found;
    }

    /** A sent value (bound, a literal, or SQL NULL) as the lookup may show it. */
    private LookupQuery.Value shown(Object sent, String column, String lookedUp) {
        if (sent == ParameterValues.UNSET || sent instanceof BoundParameters.Placeholder) {
            return LookupQuery.Value.notKept();
        }
        if (SentValues.isNullSent(sent)) {
            return LookupQuery.Value.bound(null);
        }
        boolean literal = sent instanceof SentValues.Literal;
        String raw = literal ? LiteralValues.content(((SentValues.Literal) sent).text()) : ValueRenderer.raw(sent);
        if (secret(raw, column, lookedUp)) {
            return LookupQuery.Value.masked();
        }
        return literal ? LookupQuery.Value.written(((SentValues.Literal) sent).text()) : LookupQuery.Value.bound(sent);
    }

    /**
     * Whether the report hides the value: either column is sensitive, the report's own value for the column is
     * masked, or the value holds a secret the masking found anywhere in the statement or the message.
     */
    private boolean secret(String raw, String column, String lookedUp) {
        String shown = shownValues.get(column);
        return redactor.isSensitive(column) || redactor.isSensitive(lookedUp)
                || (shown != null && shown.contains(Redactor.MASK))
                || (raw != null && !masking.text(raw).equals(raw));
    }
}
