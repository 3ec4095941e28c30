package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@link SqlStatementParser} understood of one statement; anything it did not understand is null or empty. */
public final class SqlShape {

    private final String operation;
    private final String table;
    private final List<ColumnSource> columns;
    private final int parameterCount;

    SqlShape(String operation, String table, List<ColumnSource> columns, int parameterCount) {
        this.operation = operation;
        this.table = table;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.parameterCount = parameterCount;
    }

    /** The statement's verb in upper case (the main verb after any WITH clause), or null when there is none. */
    public String operation() {
        return operation;
    }

    /** The target table without quotes or schema/catalog prefix, or null when unknown. */
    public String table() {
        return table;
    }

    /** Every column whose value source was found, in textual order. */
    public List<ColumnSource> columns() {
        return columns;
    }

    /** How many {@code ?} markers the SQL holds outside literals, quoted identifiers and comments. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The sources of the named column, matched without regard to case; empty when it has none. */
    public List<ColumnSource> sourcesOf(String column) {
        if (column == null) {
            return Collections.emptyList();
        }
        List<ColumnSource> found = new ArrayList<>();
        for (ColumnSource source : columns) {
            if (source.column().equalsIgnoreCase(column)) {
                found.add(source);
            }
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public String toString() {
        return operation + " " + table + " " + columns + " (" + parameterCount + " parameters)";
    }
}
