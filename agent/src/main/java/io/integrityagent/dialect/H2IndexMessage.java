package io.integrityagent.dialect;

/**
 * The quoted part of H2's message for a unique index: {@code "PUBLIC.UQ_X INDEX PUBLIC.UQ_X_INDEX_4 ON
 * PUBLIC.T(A NULLS FIRST) VALUES (…)"}, the constraint and {@code INDEX} only from 2.5 on. Read by
 * hand rather than by a regular expression: it is the most common violation of all, and matching the expression
 * cost more than the rest of a repeat's report. It finds exactly what
 * {@code "(?:(N) INDEX )?(N) ON (T)\(([^)]*)\) VALUES ([^"]*)"} finds, where N is {@code (?:Q|[^ "])++}, T is
 * {@code (?:Q|[^("])++} and Q a name H2 quoted ({@link MessageScan#endOfName}): from the first double quote where
 * the whole shape follows, the constraint if the shape follows with it.
 */
final class H2IndexMessage {

    private static final String INDEX = " INDEX ";
    private static final String ON = " ON ";
    private static final String VALUES = ") VALUES ";

    /** Null when the message names no constraint (before 2.5). */
    final String constraint;
    final String index;
    final String table;
    /** The column list as printed, sort orders included: {@code A NULLS FIRST, B NULLS FIRST}. */
    final String columns;
    /** The key values as printed, or a row number (1.4). */
    final String values;

    private H2IndexMessage(String constraint, String index, String table, String columns, String values) {
        this.constraint = constraint;
        this.index = index;
        this.table = table;
        this.columns = columns;
        this.values = values;
    }

    /** The first such part of {@code text}, or null. */
    static H2IndexMessage find(String text) {
        for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', quote + 1)) {
            int start = quote + 1;
            int name = MessageScan.endOfName(text, start, ' ', '"');
            if (name > start && text.startsWith(INDEX, name)) {
                H2IndexMessage named = from(text, text.substring(start, name), name + INDEX.length());
                if (named != null) {
                    return named;
                }
            }
            H2IndexMessage unnamed = from(text, null, start);
            if (unnamed != null) {
                return unnamed;
            }
        }
        return null;
    }

    /** The shape from the index name at {@code at} on, or null when it does not follow. */
    private static H2IndexMessage from(String text, String constraint, int at) {
        int indexEnd = MessageScan.endOfName(text, at, ' ', '"');
        if (indexEnd == at || !text.startsWith(ON, indexEnd)) {
            return null;
        }
        int tableStart = indexEnd + ON.length();
        int tableEnd = MessageScan.endOfName(text, tableStart, '(', '"');
        if (tableEnd == tableStart || !text.startsWith("(", tableEnd)) {
            return null;
        }
        int columnsEnd = MessageScan.endOfRun(text, tableEnd + 1, ')', ')');
        if (!text.startsWith(VALUES, columnsEnd)) {
            return null;
        }
        int valuesStart = columnsEnd + VALUES.length();
        int valuesEnd = MessageScan.endOfRun(text, valuesStart, '"', '"');
        if (valuesEnd == text.length()) {
            return null; // no closing quote
        }
        return new H2IndexMessage(constraint, text.substring(at, indexEnd), text.substring(tableStart, tableEnd),
                text.substring(tableEnd + 1, columnsEnd), text.substring(valuesStart, valuesEnd));
    }
}
