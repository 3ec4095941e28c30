package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@link SqlStatementParser} understood of one statement; anything it did not understand is null or empty. */
public final class SqlShape {

    private final String verb;
    private final SqlOperation operation;
    private final String table;
    private final boolean tableNameExact;
    private final String schema;
    private final boolean schemaNameExact;
    private final String qualifier;
    private final List<ColumnSource> columns;
    private final int parameterCount;
    private final boolean omitsColumnList;
    /** The values of an INSERT without column list, by row and position, not yet paired with any column. */
    private final List<ColumnSource> unnamedValues;
    private final List<TextSpan> stringLiterals;
    private final List<TextSpan> doubleQuotedNames;
    private final boolean whereFullyRead;

    SqlShape(String verb, String table, boolean tableNameExact, String schema, boolean schemaNameExact,
             String qualifier, List<ColumnSource> columns, int parameterCount, boolean omitsColumnList,
             List<ColumnSource> unnamedValues, List<TextSpan> stringLiterals, List<TextSpan> doubleQuotedNames,
             boolean whereFullyRead) {
        this.verb = verb;
        this.operation = SqlOperation.of(verb);
        this.table = table;
        this.tableNameExact = tableNameExact;
        this.schema = schema;
        this.schemaNameExact = schemaNameExact;
        this.qualifier = qualifier;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.parameterCount = parameterCount;
        this.omitsColumnList = omitsColumnList;
        this.unnamedValues = Collections.unmodifiableList(new ArrayList<>(unnamedValues));
        this.stringLiterals = Collections.unmodifiableList(new ArrayList<>(stringLiterals));
        this.doubleQuotedNames = Collections.unmodifiableList(new ArrayList<>(doubleQuotedNames));
        this.whereFullyRead = whereFullyRead;
    }

    /**
     * The statement's verb in upper case (the main verb after any WITH clause), or null when there is none: what
     * the report names as its operation.
     */
    public String verb() {
        return verb;
    }

    /** The kind of statement its {@link #verb()} makes it. */
    public SqlOperation operation() {
        return operation;
    }

    /** The target table without quotes or schema/catalog prefix, or null when unknown. */
    public String table() {
        return table;
    }

    /** Whether the SQL quoted the table's name, which the database then takes in the case written. */
    public boolean tableNameExact() {
        return tableNameExact;
    }

    /**
     * The schema part of a qualified table name (MySQL's database), without quotes; empty when that part alone
     * does not place the table (left out, {@code db..orders}, or under a catalog, {@code db.dbo.orders}), null when
     * the name is not qualified.
     */
    public String schema() {
        return schema;
    }

    /** Whether the SQL quoted the {@link #schema()} part. */
    public boolean schemaNameExact() {
        return schemaNameExact;
    }

    /**
     * What the SQL wrote before the target table's name, exactly as written and with its final dot ({@code shop.},
     * {@code "Sales".dbo.}, {@code db..}); empty when the name is not qualified or the table is unknown.
     */
    public String qualifier() {
        return qualifier;
    }

    /**
     * Whether the statement's WHERE clause is nothing but {@code column = value} equalities ANDed together (each
     * value one marker or literal, each column the target table's), so that its {@link ColumnSource.Role#WHERE}
     * sources alone tell which rows it chose; false without a WHERE clause.
     */
    public boolean whereFullyRead() {
        return whereFullyRead;
    }

    /** Every column whose value source was found, in textual order. */
    public List<ColumnSource> columns() {
        return columns;
    }

    /** How many {@code ?} markers the SQL holds outside literals, quoted identifiers and comments. */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * Whether this is an INSERT (or REPLACE, MERGE, UPSERT) into a known table without a column list, so that
     * which value goes into which column only the table's definition tells.
     */
    public boolean omitsColumnList() {
        return omitsColumnList;
    }

    /**
     * This shape with the values of an INSERT without column list paired with the table's columns, in the
     * table's order; a row with more or fewer values than the table has columns stays unpaired.
     */
    public SqlShape withTableColumns(List<String> tableColumns) {
        if (!omitsColumnList || unnamedValues.isEmpty()) {
            return this;
        }
        List<ColumnSource> paired = new ArrayList<>(columns);
        List<ColumnSource> row = new ArrayList<>();
        for (int i = 0; i < unnamedValues.size(); i++) {
            row.add(unnamedValues.get(i));
            boolean rowEnds = i + 1 == unnamedValues.size() || unnamedValues.get(i + 1).row() != row.get(0).row();
            if (rowEnds) {
                if (row.size() == tableColumns.size()) {
                    for (int k = 0; k < row.size(); k++) {
                        paired.add(row.get(k).named(tableColumns.get(k)));
                    }
                }
                row.clear();
            }
        }
        return new SqlShape(verb, table, tableNameExact, schema, schemaNameExact, qualifier, paired, parameterCount, true,
                Collections.emptyList(), stringLiterals, doubleQuotedNames, whereFullyRead);
    }

    /** Where every string literal of the whole text is, in textual order, quotes and prefix included. */
    public List<TextSpan> stringLiterals() {
        return stringLiterals;
    }

    /**
     * Where every {@code "…"} name inside a value of the statement is, in textual order: strings, where a database
     * may read them so ({@code Dialect.doubleQuotesMayQuoteStrings}).
     */
    public List<TextSpan> doubleQuotedNames() {
        return doubleQuotedNames;
    }

    /** A generous estimate of the heap this shape holds, for bounding the caches that keep shapes. */
    public long estimatedBytes() {
        long bytes = 128 + 2L * qualifier.length() + 40L * (columns.size() + unnamedValues.size())
                + 24L * (stringLiterals.size() + doubleQuotedNames.size());
        for (ColumnSource source : columns) {
            bytes += source.estimatedBytes();
        }
        for (ColumnSource source : unnamedValues) {
            bytes += source.estimatedBytes();
        }
        return bytes;
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
        return verb + " " + table + " " + columns + " (" + parameterCount + " parameters)";
    }
}
