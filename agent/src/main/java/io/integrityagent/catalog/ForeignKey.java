package io.integrityagent.catalog;

import io.integrityagent.model.ViolationFacts;
import io.integrityagent.util.LruCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One foreign key as the catalog lists it: referencing table and columns, referenced table and columns. */
final class ForeignKey {

    private final String name;
    private final String schema;
    private final String table;
    private final String referencedSchema;
    private final String referencedTable;
    private final List<String> columns = new ArrayList<>();
    private final List<String> referencedColumns = new ArrayList<>();

    private ForeignKey(String name, String schema, String table, String referencedSchema, String referencedTable) {
        this.name = name;
        this.schema = schema;
        this.table = table;
        this.referencedSchema = referencedSchema;
        this.referencedTable = referencedTable;
    }

    /** Reads {@code getImportedKeys}/{@code getExportedKeys} rows; a key's columns follow KEY_SEQ 1, 2, … */
    static List<ForeignKey> readAll(ResultSet rows) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        ForeignKey current = null;
        while (rows.next()) {
            if (current == null || rows.getInt("KEY_SEQ") <= 1) {
                String fkName = rows.getString("FK_NAME");
                current = new ForeignKey(fkName == null || fkName.isEmpty() ? null : fkName,
                        schemaOf(rows, "FKTABLE_"), rows.getString("FKTABLE_NAME"), schemaOf(rows, "PKTABLE_"),
                        rows.getString("PKTABLE_NAME"));
                keys.add(current);
            }
            current.columns.add(rows.getString("FKCOLUMN_NAME"));
            current.referencedColumns.add(rows.getString("PKCOLUMN_NAME"));
        }
        return keys;
    }

    /** A table's schema, or where drivers have none (MySQL and MariaDB, whose databases are catalogs) its catalog. */
    private static String schemaOf(ResultSet rows, String side) throws SQLException {
        String schema = rows.getString(side + "SCHEM");
        return schema != null ? schema : rows.getString(side + "CAT");
    }

    long estimatedBytes() {
        return 112 + LruCache.bytesOf(name) + LruCache.bytesOf(schema) + LruCache.bytesOf(table)
                + LruCache.bytesOf(referencedSchema) + LruCache.bytesOf(referencedTable)
                + TableKeys.namesBytes(columns) + TableKeys.namesBytes(referencedColumns);
    }

    /** Whether any of {@code assigned} is one of the key's columns: on the parent side, its referenced columns. */
    boolean usesAnyOf(List<String> assigned, boolean parentSide) {
        for (String column : parentSide ? referencedColumns : columns) {
            if (assigned.stream().anyMatch(column::equalsIgnoreCase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which side of this key an UPDATE of {@code table} that assigned {@code assigned} changed: true for the
     * parent's key, false for the child's; null when it cannot be told (a key from a table to itself, both or
     * neither side's columns assigned).
     */
    Boolean updatedOnParentSide(String table, List<String> assigned) {
        boolean child = table != null && table.equalsIgnoreCase(this.table) && usesAnyOf(assigned, false);
        boolean parent = table != null && table.equalsIgnoreCase(referencedTable) && usesAnyOf(assigned, true);
        return child == parent ? null : parent;
    }

    /** Whether both keys join the same two tables: a key from a table to itself is listed on both sides. */
    boolean sameTablesAs(ForeignKey other) {
        return Objects.equals(schema, other.schema) && Objects.equals(table, other.table)
                && Objects.equals(referencedSchema, other.referencedSchema)
                && Objects.equals(referencedTable, other.referencedTable);
    }

    boolean isNamed(String constraint) {
        return name != null && name.equalsIgnoreCase(constraint);
    }

    /**
     * Fills in what the database's message left out of this key, when what it did state agrees with the catalog:
     * PostgreSQL states only the columns of the side that was refused (the child's key, or the parent's).
     */
    void completeInto(ViolationFacts facts) {
        if (!sameNames(facts.columns(), columns) || !sameNames(facts.referencedColumns(), referencedColumns)) {
            return;
        }
        if (facts.table() == null) {
            facts.table(table);
        }
        if (facts.schema() == null) {
            facts.schema(schema);
        }
        if (facts.referencedTable() == null) {
            facts.referencedTable(referencedTable);
        }
        if (facts.referencedSchema() == null) {
            facts.referencedSchema(referencedSchema);
        }
        if (facts.columns().isEmpty()) {
            columns.forEach(facts::column);
        }
        if (facts.referencedColumns().isEmpty()) {
            referencedColumns.forEach(facts::referencedColumn);
        }
    }

    /** Whether the stated names are the catalog's (compared without case); nothing stated agrees with anything. */
    private static boolean sameNames(List<String> stated, List<String> catalog) {
        if (stated.isEmpty()) {
            return true;
        }
        if (stated.size() != catalog.size()) {
            return false;
        }
        for (int i = 0; i < stated.size(); i++) {
            if (!stated.get(i).equalsIgnoreCase(catalog.get(i))) {
                return false;
            }
        }
        return true;
    }

    void describeInto(ViolationFacts facts, boolean parentSide) {
        facts.parentSide(parentSide);
        facts.constraint(name);
        facts.schema(schema);
        facts.table(table);
        columns.forEach(facts::column);
        facts.referencedSchema(referencedSchema);
        facts.referencedTable(referencedTable);
        referencedColumns.forEach(facts::referencedColumn);
    }
}
