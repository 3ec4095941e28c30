package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlStatementParser;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL through pgjdbc, which throws a plain {@code PSQLException} (SQLSTATE class 23, error code 0). The
 * server names the constraint, table and column in fields of their own and states the key in the Detail:
 * {@code Key (email)=(ada@example.com) already exists.} A foreign key's table field is always the referencing
 * (child) table, also when a parent row was refused; only the English message tells that side apart. PostgreSQL
 * 18 reports ON DELETE RESTRICT as 23001. The message texts are matched only where no field says the same.
 */
public final class PostgresDialect extends SqlStateDialect {

    private static final Pattern UNIQUE = Pattern.compile(
            "duplicate key value violates unique constraint \"(?<constraint>.+)\"");
    private static final Pattern CHILD_ROW = Pattern.compile(
            "insert or update on table \"(?<table>.+)\" violates foreign key constraint \"(?<constraint>.+)\"");
    private static final Pattern PARENT_ROW = Pattern.compile("update or delete on table \"(?<parent>.+)\" violates"
            + " (?:RESTRICT setting of )?foreign key constraint \"(?<constraint>.+)\" on table \"(?<table>.+)\"");
    /** PostgreSQL 13 added "of relation"; before, the message named only the column. */
    private static final Pattern NOT_NULL = Pattern.compile(
            "null value in column \"(?<column>.+?)\"(?: of relation \"(?<table>.+)\")? violates not-null constraint");
    private static final Pattern CHECK = Pattern.compile(
            "new row for relation \"(?<table>.+)\" violates check constraint \"(?<constraint>.+)\"");
    private static final Pattern EXCLUSION = Pattern.compile(
            "conflicting key value violates exclusion constraint \"(?<constraint>.+)\"");
    private static final String RESTRICT_VIOLATION = "23001";
    private static final String IN_FAILED_TRANSACTION = "25P02";
    private static final String FAILING_ROW = "Failing row contains ";
    private static final String EXISTING_KEY = ") conflicts with existing key";

    public PostgresDialect() {
        super(DatabaseSystem.POSTGRESQL);
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        PostgresServerMessage server = PostgresServerMessage.of(e);
        PostgresKey key = PostgresKey.parse(server.detail());
        facts.message(repeatable(server));
        String message = server.message();
        switch (facts.kind()) {
            case UNIQUE:
                facts.constraint(firstOf(server.constraint(), group(UNIQUE, message, "constraint")));
                facts.table(server.table());
                addKey(key, facts, false);
                break;
            case FOREIGN_KEY:
                describeForeignKey(server, key, RESTRICT_VIOLATION.equals(e.getSQLState()), facts);
                break;
            case NOT_NULL:
                facts.constraint(server.constraint());
                facts.table(firstOf(server.table(), group(NOT_NULL, message, "table")));
                String column = firstOf(server.column(), group(NOT_NULL, message, "column"));
                if (column != null) {
                    facts.column(column);
                }
                break;
            case CHECK:
                facts.constraint(firstOf(server.constraint(), group(CHECK, message, "constraint")));
                facts.table(firstOf(server.table(), group(CHECK, message, "table")));
                break;
            case EXCLUSION:
                facts.constraint(firstOf(server.constraint(), group(EXCLUSION, message, "constraint")));
                facts.table(server.table());
                addKey(key, facts, false);
                break;
            default:
                facts.constraint(server.constraint());
                facts.table(server.table());
                break;
        }
    }

    /**
     * 25P02: the transaction was aborted by an earlier error, which pgjdbc attaches as the cause; that one was
     * reported by the statement that ran into it.
     */
    @Override
    public boolean repeatsEarlierFailure(SQLException e) {
        return IN_FAILED_TRANSACTION.equals(e.getSQLState());
    }

    /**
     * pgjdbc names the failed entry, 0-based: {@code Batch entry 1 INSERT … was aborted: …}, or {@code <unknown>}
     * for the SQL with {@code logServerErrorDetail=false}. With {@code reWriteBatchedInserts=true} it numbers the
     * multi-row INSERTs it sent instead of the entries; when the SQL shown is such a statement the entry is unknown.
     */
    @Override
    public int failedBatchEntry(BatchUpdateException e) {
        Matcher entry = PostgresServerMessage.BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
        if (!entry.find() || insertsSeveralRows(entry.group(2))) {
            return -1;
        }
        return Integer.parseInt(entry.group(1));
    }

    /**
     * With {@code reWriteBatchedInserts}, pgjdbc numbers the statements it made of the batch: a last statement of
     * one row passes the check of {@link #failedBatchEntry} but is not the application's entry of that index. The
     * values pgjdbc shows ({@code ('20'::int4), ('again')}) must then be the entry's; without values shown
     * ({@code logServerErrorDetail=false}) nothing contradicts the index.
     */
    @Override
    public boolean namedBatchEntryMayHold(BatchUpdateException e, List<String> values) {
        Matcher entry = PostgresServerMessage.BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
        if (!entry.find() || entry.group(2).indexOf('\'') < 0) {
            return true;
        }
        String shown = entry.group(2);
        for (String value : values) {
            if (!shown.contains("'" + value.replace("'", "''") + "'")) {
                return false;
            }
        }
        return true;
    }

    /** PostgreSQL folds unquoted identifiers to lower case; a quoted upper-case name is taken for an unquoted one. */
    @Override
    public String canonicalName(String identifier) {
        return Identifiers.isRegular(identifier, "$") ? identifier.toLowerCase(Locale.ROOT) : identifier;
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        String target = keyColumns.isEmpty() ? "(…)" : "(" + String.join(", ", keyColumns) + ")";
        return "use PostgreSQL's INSERT INTO " + (table == null ? "the table" : table) + " (…) VALUES (…)"
                + " ON CONFLICT " + target + " DO UPDATE SET … to update the existing row instead (or DO NOTHING"
                + " to keep it)";
    }

    private static void describeForeignKey(PostgresServerMessage server, PostgresKey key, boolean restrict,
                                           ViolationFacts facts) {
        String message = server.message();
        Matcher parentRow = PARENT_ROW.matcher(message);
        boolean parentStated = parentRow.matches();
        if (parentStated || restrict) {
            facts.parentSide(true);
            facts.constraint(firstOf(server.constraint(), parentStated ? parentRow.group("constraint") : null));
            facts.table(firstOf(server.table(), parentStated ? parentRow.group("table") : null));
            facts.referencedTable(parentStated ? parentRow.group("parent") : null);
            addKey(key, facts, true);
            return;
        }
        Matcher childRow = CHILD_ROW.matcher(message);
        boolean childStated = childRow.matches();
        facts.constraint(firstOf(server.constraint(), childStated ? childRow.group("constraint") : null));
        facts.table(firstOf(server.table(), childStated ? childRow.group("table") : null));
        facts.referencedTable(key.referencedTable());
        addKey(key, facts, false);
    }

    /** The key's columns, and each value paired with its column when the values could be told apart. */
    private static void addKey(PostgresKey key, ViolationFacts facts, boolean referenced) {
        List<String> values = key.values();
        for (int i = 0; i < key.columns().size(); i++) {
            String column = key.columns().get(i);
            if (referenced) {
                facts.referencedColumn(column);
            } else {
                facts.column(column);
            }
            if (!values.isEmpty()) {
                facts.reportedValue(column, values.get(i));
            }
        }
    }

    /**
     * The server's message and its Detail, which pgjdbc leaves out of the exception's text when
     * {@code logServerErrorDetail=false}. The SQL, which the server may add under Where, is never included. Left
     * out too: a "Failing row contains (…)" Detail, which lists every column of the row without naming any, so a
     * secret the statement did not send (an UPDATE's other columns) could not be masked; and the key of the
     * existing row an exclusion constraint found, which is other people's data.
     */
    private static String repeatable(PostgresServerMessage server) {
        String detail = server.detail();
        if (detail == null || detail.startsWith(FAILING_ROW)) {
            return server.message();
        }
        int existingKey = detail.indexOf(EXISTING_KEY + " (");
        if (existingKey >= 0) {
            detail = detail.substring(0, existingKey + EXISTING_KEY.length()) + ".";
        }
        return server.message() + ". Detail: " + detail;
    }

    private static boolean insertsSeveralRows(String sql) {
        for (ColumnSource source : SqlStatementParser.parse(sql).columns()) {
            if (source.row() > 0) {
                return true;
            }
        }
        return false;
    }

    private static String group(Pattern pattern, String message, String name) {
        Matcher matcher = pattern.matcher(message);
        return matcher.matches() ? matcher.group(name) : null;
    }

    private static String firstOf(String field, String fromMessage) {
        return field != null ? field : fromMessage;
    }
}
