package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL Server through mssql-jdbc. The driver throws a plain SQLServerException whose vendor code is the server's
 * message number; SQLSTATE is 23000, or 42000 for everything when the connection sets {@code xopenStates=true},
 * so the number decides. Message 547 covers foreign keys and checks: for FOREIGN KEY (a child row without
 * parent) it names the referenced table and column, for REFERENCE (a parent row still referenced) the
 * referencing ones. Key violations print the key value but not the key's columns.
 */
public final class SqlServerDialect extends SqlStateDialect {

    private static final int NOT_NULL = 515;
    private static final int CONFLICT = 547;
    private static final int DUPLICATE_INDEX_KEY = 2601;
    private static final int DUPLICATE_CONSTRAINT_KEY = 2627;

    private static final Pattern CONSTRAINT_KEY = Pattern.compile(
            "Violation of (?:PRIMARY KEY|UNIQUE KEY) constraint '(?<constraint>[^']+)'\\. Cannot insert duplicate key"
                    + " in object '(?<table>[^']+)'\\.");
    private static final Pattern INDEX_KEY = Pattern.compile(
            "Cannot insert duplicate key row in object '(?<table>[^']+)' with unique index '(?<index>[^']+)'\\.");
    private static final Pattern CONFLICT_MESSAGE = Pattern.compile(
            "The (?:INSERT|UPDATE|DELETE|MERGE) statement conflicted with the (?<type>[A-Z ]+) constraint"
                    + " \"(?<constraint>[^\"]+)\"\\. The conflict occurred in database \"[^\"]+\", table"
                    + " \"(?<table>[^\"]+)\"(?:, column '(?<column>[^']+)')?\\.");
    private static final Pattern NULL_COLUMN = Pattern.compile(
            "Cannot insert the value NULL into column '(?<column>[^']+)', table '(?<table>[^']+)';");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");

    public SqlServerDialect() {
        super(DatabaseSystem.SQL_SERVER);
    }

    @Override
    public ViolationKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case DUPLICATE_CONSTRAINT_KEY:
            case DUPLICATE_INDEX_KEY:
                return ViolationKind.UNIQUE;
            case NOT_NULL:
                return ViolationKind.NOT_NULL;
            case CONFLICT:
                return conflictKind(e.getMessage());
            default:
                return super.classify(e);
        }
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        facts.message(text);
        switch (e.getErrorCode()) {
            case DUPLICATE_CONSTRAINT_KEY:
                Matcher constraintKey = CONSTRAINT_KEY.matcher(text);
                if (constraintKey.find()) {
                    facts.constraint(constraintKey.group("constraint"));
                    facts.table(Identifiers.lastPart(constraintKey.group("table")));
                }
                break;
            case DUPLICATE_INDEX_KEY:
                Matcher indexKey = INDEX_KEY.matcher(text);
                if (indexKey.find()) {
                    facts.constraint(indexKey.group("index"));
                    facts.table(Identifiers.lastPart(indexKey.group("table")));
                }
                break;
            case CONFLICT:
                describeConflict(text, facts);
                break;
            case NOT_NULL:
                Matcher nullColumn = NULL_COLUMN.matcher(text);
                if (nullColumn.find()) {
                    facts.table(Identifiers.lastPart(nullColumn.group("table")));
                    facts.column(nullColumn.group("column"));
                }
                break;
            default:
                break;
        }
    }

    /**
     * The driver carries on after a failed entry and marks it EXECUTE_FAILED, but its batch exception repeats only
     * one error: the first for a prepared (or callable) statement, the last for a plain statement's batch. Which
     * one, only the driver frame that threw it tells.
     */
    @Override
    public int failedBatchEntry(BatchUpdateException e) {
        List<Integer> failed = new ArrayList<>();
        long[] counts = e.getLargeUpdateCounts();
        for (int i = 0; counts != null && i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                failed.add(i);
            }
        }
        if (failed.size() == 1) {
            return failed.get(0);
        }
        if (failed.isEmpty()) {
            return -1;
        }
        String thrower = throwingStatementClass(e);
        if ("SQLServerStatement".equals(thrower)) {
            return failed.get(failed.size() - 1);
        }
        if ("SQLServerPreparedStatement".equals(thrower) || "SQLServerCallableStatement".equals(thrower)) {
            return failed.get(0);
        }
        return -1;
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        List<String> keys = keyColumns.isEmpty() ? List.of("<key>") : keyColumns;
        List<String> matched = new ArrayList<>();
        for (String key : keys) {
            matched.add("t." + key + " = s." + key);
        }
        String target = table == null ? "<table>" : table;
        return "use MERGE " + target + " WITH (HOLDLOCK) AS t USING (VALUES (?, …)) AS s (" + String.join(", ", keys)
                + ", …) ON " + String.join(" AND ", matched) + " WHEN MATCHED THEN UPDATE SET … WHEN NOT MATCHED"
                + " THEN INSERT (…) VALUES (…); — HOLDLOCK keeps a concurrent MERGE from inserting the same key — or,"
                + " in one transaction, IF EXISTS (SELECT 1 FROM " + target + " WITH (UPDLOCK, HOLDLOCK) WHERE …)"
                + " UPDATE … ELSE INSERT …";
    }

    /** 547 names the kind of constraint outside its quotes: FOREIGN KEY and REFERENCE, or CHECK. */
    private static ViolationKind conflictKind(String message) {
        String unquoted = message == null ? "" : QUOTED.matcher(message).replaceAll("");
        if (unquoted.contains("REFERENCE") || unquoted.contains("FOREIGN KEY")) {
            return ViolationKind.FOREIGN_KEY;
        }
        return unquoted.contains("CHECK") ? ViolationKind.CHECK : ViolationKind.OTHER;
    }

    private static void describeConflict(String text, ViolationFacts facts) {
        Matcher conflict = CONFLICT_MESSAGE.matcher(text);
        if (!conflict.find()) {
            return;
        }
        String type = conflict.group("type");
        String table = Identifiers.lastPart(conflict.group("table"));
        String column = conflict.group("column");
        facts.constraint(conflict.group("constraint"));
        if (type.contains("REFERENCE")) {
            // A parent row is still referenced: the message shows the referencing table and column.
            facts.parentSide(true);
            facts.table(table);
            addColumn(column, facts);
        } else if (type.contains("FOREIGN KEY")) {
            // A child row lacks its parent: the message shows the referenced table and column.
            facts.referencedTable(table);
            if (column != null) {
                facts.referencedColumn(column);
            }
            if (type.contains("SAME TABLE")) {
                facts.table(table);
            }
        } else {
            facts.table(table);
            addColumn(column, facts);
        }
    }

    private static void addColumn(String column, ViolationFacts facts) {
        if (column != null) {
            facts.column(column);
        }
    }

    /** The simple name of the driver's statement class among the first frames of {@code e}, or null. */
    private static String throwingStatementClass(BatchUpdateException e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            String name = frames[i].getClassName();
            if (name.startsWith("com.microsoft.sqlserver.jdbc.") && name.endsWith("Statement")) {
                return name.substring(name.lastIndexOf('.') + 1);
            }
        }
        return null;
    }
}
