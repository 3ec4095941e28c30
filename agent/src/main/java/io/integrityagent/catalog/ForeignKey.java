package io.integrityagent.catalog;

import io.integrityagent.model.ViolationFacts;
import io.integrityagent.util.LruCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One foreign key as the catalog lists it: referencing table and columns, referenced table and columns. */
final class ForeignKey {

    private final String name;
    private final String table;
    private final String referencedTable;
    private final List<String> columns = new ArrayList<>();
    private final List<String> referencedColumns = new ArrayList<>();

    private ForeignKey(String name, String table, String referencedTable) {
        this.name = name;
        this.table = table;
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
                        rows.getString("FKTABLE_NAME"), rows.getString("PKTABLE_NAME"));
                keys.add(current);
            }
            current.columns.add(rows.getString("FKCOLUMN_NAME"));
            current.referencedColumns.add(rows.getString("PKCOLUMN_NAME"));
        }
        return keys;
    }

    long estimatedBytes() {
        return 96 + LruCache.bytesOf(name) + LruCache.bytesOf(table) + LruCache.bytesOf(referencedTable)
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
        if (facts.referencedTable() == null) {
            facts.referencedTable(referencedTable);
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
        facts.table(table);
        columns.forEach(facts::column);
        facts.referencedTable(referencedTable);
        referencedColumns.forEach(facts::referencedColumn);
    }
}
