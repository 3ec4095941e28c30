package io.integrityagent.dialect;

/**
 * The quoted part of H2's message for a foreign key: {@code "FK_ORDERS_CUSTOMER: PUBLIC.ORDERS FOREIGN
 * KEY(CUSTOMER_ID) REFERENCES PUBLIC.CUSTOMERS(ID) (42)"}. Read by hand rather than by a regular expression, for
 * the reason {@link H2IndexMessage} is: it finds exactly what {@code "((?:[^"]|"")+?): ((?:Q|[^ ])++) FOREIGN
 * KEY\(([^)]*)\) REFERENCES ((?:Q|[^(])++)\(([^)]*)\) \((.*)\)"} finds, Q being a name H2 quoted
 * ({@link MessageScan#endOfName}), from the first double quote where the whole shape follows, for a constraint
 * name of at most {@link #LONGEST_NAME} characters; the values reach the last {@code )"} before the end of their
 * line.
 */
final class H2ForeignKeyMessage {

    private static final String FOREIGN_KEY = " FOREIGN KEY(";
    private static final String REFERENCES = ") REFERENCES ";
    private static final String VALUES = ") (";
    private static final String END = ")\"";
    /** H2's longest identifier, 256 characters, each quote in it doubled. */
    static final int LONGEST_NAME = 2 * 256;

    final String constraint;
    final String table;
    final String columns;
    final String referencedTable;
    final String referencedColumns;
    /** The key looked for, as printed. */
    final String values;

    private H2ForeignKeyMessage(String constraint, String table, String columns, String referencedTable,
                                String referencedColumns, String values) {
        this.constraint = constraint;
        this.table = table;
        this.columns = columns;
        this.referencedTable = referencedTable;
        this.referencedColumns = referencedColumns;
        this.values = values;
    }

    /** The first such part of {@code text}, or null. */
    static H2ForeignKeyMessage find(String text) {
        for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', quote + 1)) {
            H2ForeignKeyMessage found = at(text, quote + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The part whose constraint name starts at {@code start}: H2 writes that name as it is, its quotes doubled, so
     * it may hold {@code ": "} itself; the first {@code ": "} after which the rest of the shape follows ends it.
     * Only a name as long as H2 allows is looked for, so that a long value full of quotes and colons costs a
     * scan of the message, not one per quote.
     */
    private static H2ForeignKeyMessage at(String text, int start) {
        int nameEnd = MessageScan.endOfDoubledQuotes(text, start, start + LONGEST_NAME + 1);
        for (int colon = text.indexOf(": ", start + 1); colon >= 0 && colon < nameEnd;
                colon = text.indexOf(": ", colon + 1)) {
            H2ForeignKeyMessage found = after(text, start, colon);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static H2ForeignKeyMessage after(String text, int start, int constraintEnd) {
        int tableStart = constraintEnd + 2;
        int tableEnd = MessageScan.endOfName(text, tableStart, ' ', ' ');
        if (tableEnd == tableStart || !text.startsWith(FOREIGN_KEY, tableEnd)) {
            return null;
        }
        int columnsStart = tableEnd + FOREIGN_KEY.length();
        int columnsEnd = MessageScan.endOfRun(text, columnsStart, ')', ')');
        if (!text.startsWith(REFERENCES, columnsEnd)) {
            return null;
        }
        int referencedStart = columnsEnd + REFERENCES.length();
        int referencedEnd = MessageScan.endOfName(text, referencedStart, '(', '(');
        if (referencedEnd == referencedStart || referencedEnd == text.length()) {
            return null;
        }
        int referencedColumnsStart = referencedEnd + 1;
        int referencedColumnsEnd = MessageScan.endOfRun(text, referencedColumnsStart, ')', ')');
        if (!text.startsWith(VALUES, referencedColumnsEnd)) {
            return null;
        }
        int valuesStart = referencedColumnsEnd + VALUES.length();
        int valuesEnd = lastEndOnTheLine(text, valuesStart);
        if (valuesEnd < 0) {
            return null;
        }
        return new H2ForeignKeyMessage(text.substring(start, constraintEnd), text.substring(tableStart, tableEnd),
                text.substring(columnsStart, columnsEnd), text.substring(referencedStart, referencedEnd),
                text.substring(referencedColumnsStart, referencedColumnsEnd), text.substring(valuesStart, valuesEnd));
    }

    /** Where the last {@code )"} starts that no line terminator separates from {@code from}; -1 if none. */
    private static int lastEndOnTheLine(String text, int from) {
        int lineEnd = from;
        while (lineEnd < text.length() && !MessageScan.isLineTerminator(text.charAt(lineEnd))) {
            lineEnd++;
        }
        int last = text.lastIndexOf(END, lineEnd - END.length());
        return last >= from ? last : -1;
    }
}
