package io.integrityagent.sql;

/**
 * Where the value of one column came from in a DML statement: a {@code ?} bind marker, a literal written in the SQL,
 * or an expression that is neither.
 */
public final class ColumnSource {

    /** What the column is doing in the statement. */
    public enum Role {
        /** An INSERT or MERGE value, or an UPDATE SET assignment. */
        VALUE,
        /** A {@code column = value} equality at the top level of a WHERE clause. */
        WHERE
    }

    private final String column;
    private final Role role;
    private final int row;
    private final int parameterIndex;
    private final String literal;
    private final int literalStart;
    private final int literalEnd;
    private final String writtenName;
    private final boolean exactName;

    private ColumnSource(String column, boolean exactName, Role role, int row, int parameterIndex, String literal,
            int literalStart, int literalEnd) {
        this(column, exactName, role, row, parameterIndex, literal, literalStart, literalEnd, null);
    }

    private ColumnSource(String column, boolean exactName, Role role, int row, int parameterIndex, String literal,
            int literalStart, int literalEnd, String writtenName) {
        this.writtenName = writtenName;
        this.column = column;
        this.exactName = exactName;
        this.role = role;
        this.row = row;
        this.parameterIndex = parameterIndex;
        this.literal = literal;
        this.literalStart = literalStart;
        this.literalEnd = literalEnd;
    }

    static ColumnSource parameter(String column, boolean exactName, Role role, int row, int parameterIndex) {
        return new ColumnSource(column, exactName, role, row, parameterIndex, null, -1, -1);
    }

    static ColumnSource literal(String column, boolean exactName, Role role, int row, String literal, int start,
                                int end) {
        return new ColumnSource(column, exactName, role, row, 0, literal, start, end);
    }

    static ColumnSource expression(String column, boolean exactName, Role role, int row) {
        return new ColumnSource(column, exactName, role, row, 0, null, -1, -1);
    }

    /**
     * The same source paired with {@code name}, as the catalog spells it: a value of an INSERT without column list,
     * once it is known.
     */
    ColumnSource named(String name) {
        return new ColumnSource(name, true, role, row, parameterIndex, literal, literalStart, literalEnd);
    }

    /** The same source, with its column's name as the SQL wrote it. */
    ColumnSource writtenAs(String name) {
        return new ColumnSource(column, exactName, role, row, parameterIndex, literal, literalStart, literalEnd,
                name);
    }

    /** A generous estimate of the heap this source holds. */
    long estimatedBytes() {
        return 56 + textBytes(column) + textBytes(literal) + textBytes(writtenName);
    }

    private static long textBytes(String text) {
        return text == null ? 0 : 56 + 2L * text.length();
    }

    /** The column name, unquoted and without a table qualifier, in the case it was written. */
    public String column() {
        return column;
    }

    /**
     * Whether {@link #column()} is spelled as the database spells it: quoted in the SQL, or read from the catalog.
     * Any other name the database folds to its own case.
     */
    public boolean exactName() {
        return exactName;
    }

    /**
     * The column's name exactly as the SQL wrote it, quotes included ({@code "Line No"}, {@code EMAIL}), for a WHERE
     * equality; null for other sources. Only this tells a quoted name from a bare one the database folds.
     */
    public String writtenName() {
        return writtenName;
    }

    public Role role() {
        return role;
    }

    /** The 0-based row of a multi-row {@code INSERT ... VALUES}; 0 for everything else. */
    public int row() {
        return row;
    }

    /** The 1-based index of the bind marker that is the whole value, or 0 when the value is not one marker. */
    public int parameterIndex() {
        return parameterIndex;
    }

    /** The literal exactly as written (quotes included) when the value is one literal, otherwise null. */
    public String literal() {
        return literal;
    }

    /** Offset of the literal's first character in the SQL text, or -1 when the value is not a literal. */
    public int literalStart() {
        return literalStart;
    }

    /** Offset just past the literal's last character in the SQL text, or -1 when the value is not a literal. */
    public int literalEnd() {
        return literalEnd;
    }

    public boolean isParameter() {
        return parameterIndex > 0;
    }

    public boolean isLiteral() {
        return literal != null;
    }

    @Override
    public String toString() {
        String value = isParameter() ? "?" + parameterIndex : isLiteral() ? literal : "<expression>";
        return column + "=" + value + " (" + role + (row > 0 ? " row " + row : "") + ")";
    }
}
