package io.integrityagent.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about the constraint one violation broke, gathered in stages while its report is assembled:
 * <ol>
 *   <li>the report's analysis creates it from the recognised exception (kind, SQLSTATE, vendor code, message);</li>
 *   <li>the database's {@link Dialect} fills in what the message states (constraint, table, columns, values);</li>
 *   <li>the catalog completes what the message left out, where it can be asked safely (the columns of a named
 *       key, the only foreign key that fits, a CHECK's condition);</li>
 *   <li>a little is inferred from the statement: a DELETE that breaks a foreign key is on the parent side, and a
 *       duplicate key value printed alone belongs to the key's single column.</li>
 * </ol>
 * A field nobody could tell stays null or empty. Once the analysis is done it is only read.
 */
public final class ViolationFacts {

    private final ViolationKind kind;
    private final String sqlState;
    private final int vendorCode;
    private String message;
    private String constraint;
    private String index;
    private boolean primaryKey;
    private String schema;
    private String table;
    private final List<String> columns = new ArrayList<>();
    private final Map<String, String> reportedValues = new LinkedHashMap<>();
    private String keyValue;
    private String referencedSchema;
    private String referencedTable;
    private final List<String> referencedColumns = new ArrayList<>();
    private boolean parentSide;
    private String checkExpression;

    public ViolationFacts(ViolationKind kind, String sqlState, int vendorCode, String message) {
        this.kind = kind;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
        this.message = message;
    }

    public ViolationKind kind() { return kind; }
    public String sqlState() { return sqlState; }
    public int vendorCode() { return vendorCode; }

    /** The database's message as the agent will repeat it (before masking). */
    public String message() { return message; }
    public void message(String text) { message = text; }

    public String constraint() { return constraint; }
    public void constraint(String name) { constraint = name; }

    /**
     * The unique index the database named instead of a constraint (H2 before 2.5). It is not the constraint's
     * name, and not stable: H2 suffixes an object id.
     */
    public String index() { return index; }
    public void index(String name) { index = name; }

    /** True when the database said the table's primary key was violated, without naming it (H2 before 2.5). */
    public boolean primaryKey() { return primaryKey; }
    public void primaryKey(boolean value) { primaryKey = value; }

    /** The schema (MySQL: database) of {@link #table()}, when the database names it. */
    public String schema() { return schema; }
    public void schema(String name) { schema = name; }

    /**
     * The table the constraint belongs to: for a foreign key, the referencing (child) table; for the others,
     * the table written to.
     */
    public String table() { return table; }
    public void table(String name) { table = name; }

    /** The constrained columns: unique key, NOT NULL column, foreign-key columns in the referencing table. */
    public List<String> columns() { return columns; }
    public void column(String name) { columns.add(name); }

    /** Values the database printed, by column, as it printed them (strings keep their quotes). */
    public Map<String, String> reportedValues() { return reportedValues; }
    public void reportedValue(String column, String value) { reportedValues.put(column, value); }

    /**
     * The duplicate key value, as the database printed it between its quotes, when it names the key but not
     * the key's columns (MySQL, MariaDB). It may be cut short, and a composite key's parts cannot be told apart.
     */
    public String keyValue() { return keyValue; }
    public void keyValue(String value) { keyValue = value; }

    /** The schema (MySQL: database) of {@link #referencedTable()}, when the database or its catalog names it. */
    public String referencedSchema() { return referencedSchema; }
    public void referencedSchema(String name) { referencedSchema = name; }

    public String referencedTable() { return referencedTable; }
    public void referencedTable(String name) { referencedTable = name; }

    /** Whether a foreign key's two tables are known to live in different schemas. */
    public boolean crossesSchemas() {
        return schema != null && referencedSchema != null && !schema.equals(referencedSchema);
    }

    /** {@link #table()}, as {@code schema.table} when the foreign key {@linkplain #crossesSchemas crosses schemas}. */
    public String tableWhereItLives() {
        return crossesSchemas() && table != null ? schema + "." + table : table;
    }

    /** {@link #referencedTable()}, likewise qualified when the foreign key crosses schemas. */
    public String referencedTableWhereItLives() {
        return crossesSchemas() && referencedTable != null ? referencedSchema + "." + referencedTable
                : referencedTable;
    }

    public List<String> referencedColumns() { return referencedColumns; }
    public void referencedColumn(String name) { referencedColumns.add(name); }

    /**
     * True when a foreign key refused a change to the referenced (parent) row, because rows still refer to
     * it; false when it refused a referencing (child) row whose parent does not exist.
     */
    public boolean parentSide() { return parentSide; }
    public void parentSide(boolean value) { parentSide = value; }

    /** The condition of a failed CHECK constraint, when the database states it. */
    public String checkExpression() { return checkExpression; }
    public void checkExpression(String expression) { checkExpression = expression; }
}
