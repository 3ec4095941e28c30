package io.integrityagent.report;

import io.integrityagent.capture.BatchEntries;
import io.integrityagent.capture.BoundParameters;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which entry of a batch, or which row of a multi-row {@code INSERT … VALUES (…), (…)}, failed, told from the
 * values the database echoed, when the driver does not say (MariaDB Connector/J's bulk batches, MySQL
 * Connector/J's and pgjdbc's rewritten ones, and every multi-row VALUES list): MariaDB's and MySQL's
 * {@code Duplicate entry '…'}, PostgreSQL's {@code Key (…)=(…)}, H2's {@code VALUES (…)}, and the NULL that a
 * NOT NULL column was refused. An entry is named only when it alone carries those values and every other entry
 * could be compared; when several carry them, the report says so instead.
 *
 * <p>Comparison is generous (case, surrounding spaces, number notation, booleans, MariaDB's shortened values), so
 * that the entry that failed always matches: a generous match can only make the answer ambiguous, never wrong.
 */
final class FailingEntry {

    static final FailingEntry UNKNOWN = new FailingEntry(null, Collections.emptyList(), false, false);

    private static final int MAX_LISTED = 5;
    private static final String SHORTENED = "...";
    /** Longer texts are not read as numbers: no key is that long, and parsing one must stay cheap. */
    private static final int MAX_NUMBER_LENGTH = 64;

    private final Echo echo;
    private final List<Integer> matching;
    private final boolean conclusive;
    private final boolean rows;

    private FailingEntry(Echo echo, List<Integer> matching, boolean conclusive, boolean rows) {
        this.echo = echo;
        this.matching = matching;
        this.conclusive = conclusive;
        this.rows = rows;
    }

    /** Among the entries of a prepared statement's batch, whose values {@code sentIn} reads. */
    static FailingEntry amongBatchEntries(ViolationFacts facts, List<String> columns, BatchEntries entries,
                                          SentValuesOf sentIn) {
        Echo echo = Echo.of(facts, columns);
        if (echo == null || entries == null || entries.count() < 2) {
            return UNKNOWN;
        }
        List<SentValues> candidates = new ArrayList<>();
        for (int i = 0; i < entries.count(); i++) {
            ParameterValues parameters = entries.parameters(i);
            if (parameters == null) {
                return UNKNOWN; // not kept, or a plain statement's SQL: not every entry can be compared
            }
            candidates.add(sentIn.entry(parameters));
        }
        return find(echo, candidates, false);
    }

    /** Among the rows of a multi-row VALUES list. */
    static FailingEntry amongRows(ViolationFacts facts, List<String> columns, SentValues sent) {
        if (sent.rowCount() < 2) {
            return UNKNOWN; // one row, nearly always: nothing to tell apart
        }
        Echo echo = Echo.of(facts, columns);
        if (echo == null) {
            return UNKNOWN;
        }
        List<SentValues> candidates = new ArrayList<>();
        for (int row = 0; row < sent.rowCount(); row++) {
            candidates.add(sent.inRow(row));
        }
        return find(echo, candidates, true);
    }

    private static FailingEntry find(Echo echo, List<SentValues> candidates, boolean rows) {
        List<Integer> matching = new ArrayList<>();
        boolean undecided = false;
        for (int i = 0; i < candidates.size(); i++) {
            Boolean carries = echo.carriedBy(candidates.get(i));
            if (carries == null) {
                undecided = true;
            } else if (carries) {
                matching.add(i);
            }
        }
        return new FailingEntry(echo, matching, matching.size() == 1 && !undecided, rows);
    }

    /** The failing entry or row, 0-based, or -1 when it could not be told. */
    int index() {
        return conclusive ? matching.get(0) : -1;
    }

    /**
     * The first entry or row that carries the echoed values, or -1: when several do, its values of the echoed
     * columns are the ones they all carry.
     */
    int carrier() {
        return matching.isEmpty() ? -1 : matching.get(0);
    }

    /**
     * What the report says about it, or null when there is nothing to say.
     *
     * @param rendered the values as the report shows them, by column (already masked)
     */
    String note(Map<String, String> rendered) {
        if (echo == null || (!conclusive && matching.size() < 2)) {
            return null;
        }
        String carried = echo.describe(rendered);
        if (conclusive) {
            return rows ? "row " + index() + " (0-based) of the VALUES list is the only one that carries " + carried
                    : "the driver did not say which entry failed; entry " + index()
                    + " (0-based) is the only one that carries " + carried;
        }
        String both = matching.size() == 2 ? " both carry " : " all carry ";
        return rows ? "the failing row could not be told apart: rows " + listed(matching)
                + " (0-based) of the VALUES list" + both + carried
                : "the failing entry could not be told apart: entries " + listed(matching) + " (0-based)" + both
                + carried;
    }

    private static String listed(List<Integer> indexes) {
        int shown = Math.min(indexes.size(), MAX_LISTED);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            boolean last = i == indexes.size() - 1;
            text.append(i == 0 ? "" : last ? " and " : ", ").append(indexes.get(i));
        }
        if (shown < indexes.size()) {
            text.append(" and ").append(indexes.size() - shown).append(" more");
        }
        return text.toString();
    }

    /** Reads what one batch entry sent, with the statement's SQL and that entry's parameters. */
    interface SentValuesOf {
        SentValues entry(ParameterValues parameters);
    }

    /** What the database echoed of the failing row. */
    private static final class Echo {
        /** Column → value as printed; for NOT NULL, the column refused with NULL. */
        private final Map<String, String> byColumn;
        /** A value printed without its columns (MySQL, MariaDB), to compare with the key columns joined by '-'. */
        private final String keyValue;
        private final List<String> keyColumns;

        private Echo(Map<String, String> byColumn, String keyValue, List<String> keyColumns) {
            this.byColumn = byColumn;
            this.keyValue = keyValue;
            this.keyColumns = keyColumns;
        }

        static Echo of(ViolationFacts facts, List<String> columns) {
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (String column : columns) {
                String printed = facts.reportedValues().get(column);
                if (printed != null) {
                    byColumn.put(column, printed);
                }
            }
            if (!byColumn.isEmpty()) {
                return new Echo(byColumn, null, columns);
            }
            if (facts.keyValue() != null) {
                return new Echo(byColumn, facts.keyValue(), columns);
            }
            if (facts.kind() == ViolationKind.NOT_NULL && columns.size() == 1) {
                byColumn.put(columns.get(0), "NULL");
                return new Echo(byColumn, null, columns);
            }
            return null;
        }

        /** Whether {@code sent} carries the echoed values; null when it cannot be told. */
        Boolean carriedBy(SentValues sent) {
            if (keyValue == null) {
                Boolean all = Boolean.TRUE;
                for (Map.Entry<String, String> echoed : byColumn.entrySet()) {
                    Boolean same = same(sent.valueOf(echoed.getKey()), echoed.getValue());
                    if (Boolean.FALSE.equals(same)) {
                        return false;
                    }
                    all = same == null ? null : all;
                }
                return all;
            }
            if (keyColumns.isEmpty()) {
                return carriedInAnyColumn(sent.valuesGiven());
            }
            StringBuilder joined = new StringBuilder();
            for (String column : keyColumns) {
                String text = textOf(sent.valueOf(column));
                if (text == null) {
                    return null;
                }
                joined.append(joined.length() == 0 ? "" : "-").append(text);
            }
            return sameText(joined.toString(), keyValue);
        }

        /** The key's columns are not known: the value may be any of those sent. */
        private Boolean carriedInAnyColumn(List<Object> values) {
            boolean undecided = false;
            for (Object value : values) {
                Boolean same = same(value, keyValue);
                if (Boolean.TRUE.equals(same)) {
                    return true;
                }
                undecided |= same == null;
            }
            return undecided || values.isEmpty() ? null : false;
        }

        String describe(Map<String, String> rendered) {
            if (keyValue != null) {
                return "the key value '" + keyValue.replace("'", "''") + "'";
            }
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, String> echoed : byColumn.entrySet()) {
                String value = rendered.get(echoed.getKey());
                text.append(text.length() == 0 ? "" : ", ").append(echoed.getKey()).append(" = ")
                        .append(value != null ? value : echoed.getValue());
            }
            return text.toString();
        }
    }

    /** Whether a sent value is the printed one; null when the sent value is not known or cannot be shown. */
    static Boolean same(Object sent, String printed) {
        if (SentValues.isNullSent(sent)) {
            return "NULL".equalsIgnoreCase(printed.trim());
        }
        String text = textOf(sent);
        if (text == null) {
            return null;
        }
        return sameText(text, printed) || sameText(text, unquoted(printed));
    }

    private static String textOf(Object sent) {
        if (sent == null || SentValues.isNullSent(sent) || sent == ParameterValues.UNSET || sent instanceof byte[]
                || sent instanceof BoundParameters.Placeholder) {
            return null;
        }
        if (sent instanceof SentValues.Literal) {
            return unquoted(((SentValues.Literal) sent).text());
        }
        return ValueRenderer.raw(sent);
    }

    static boolean sameText(String sent, String printed) {
        if (sent.equals(printed) || sent.trim().equalsIgnoreCase(printed.trim())) {
            return true;
        }
        if (printed.endsWith(SHORTENED) && printed.length() > SHORTENED.length()
                && sent.startsWith(printed.substring(0, printed.length() - SHORTENED.length()))) {
            return true; // MariaDB shortens a long value to 64 characters and '...'
        }
        return sameNumber(sent, printed) || sameBoolean(sent, printed);
    }

    private static boolean sameNumber(String sent, String printed) {
        if (sent.length() > MAX_NUMBER_LENGTH || printed.length() > MAX_NUMBER_LENGTH) {
            return false;
        }
        try {
            return new BigDecimal(sent.trim()).compareTo(new BigDecimal(printed.trim())) == 0;
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    private static boolean sameBoolean(String sent, String printed) {
        String p = printed.trim().toLowerCase(Locale.ROOT);
        if ("true".equalsIgnoreCase(sent)) {
            return p.equals("t") || p.equals("1") || p.equals("true");
        }
        if ("false".equalsIgnoreCase(sent)) {
            return p.equals("f") || p.equals("0") || p.equals("false");
        }
        return false;
    }

    private static String unquoted(String literal) {
        if (literal != null && literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        return literal;
    }
}
