package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.UpdateCounts;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB servers, through MySQL Connector/J or MariaDB Connector/J: one instance per driver, since
 * the drivers differ in what they add to messages and in which batch entry their exception stands for.
 * Both throw plain {@code java.sql} exceptions carrying the server's error code and message, so the code tells
 * the kind: a NOT NULL column left out of an INSERT (1364) and a MySQL CHECK (3819) come as HY000, not as class
 * 23, while MariaDB Connector/J also throws a constraint-violation exception for class 21 (a subquery returning
 * more than one row), which is none. A unique violation names the key and prints its value, but not the key's
 * columns; a foreign key names both tables, the constraint and both column lists.
 */
public final class MySqlDialect extends SqlStateDialect {

    static final int DUP_KEY = 1022;
    static final int BAD_NULL = 1048;
    static final int DUP_ENTRY = 1062;
    static final int DUP_UNIQUE = 1169;
    static final int NO_REFERENCED_ROW = 1216;
    static final int ROW_IS_REFERENCED = 1217;
    static final int NO_DEFAULT_FOR_FIELD = 1364;
    static final int ROW_IS_REFERENCED_2 = 1451;
    static final int NO_REFERENCED_ROW_2 = 1452;
    static final int FOREIGN_DUPLICATE_KEY = 1557;
    static final int DUP_ENTRY_WITH_KEY_NAME = 1586;
    static final int FOREIGN_DUPLICATE_KEY_WITH_CHILD_INFO = 1761;
    static final int FOREIGN_DUPLICATE_KEY_WITHOUT_CHILD_INFO = 1762;
    static final int DUP_UNKNOWN_IN_INDEX = 1859;
    static final int MYSQL_BAD_NULL_NOT_IGNORED = 3673;
    static final int MYSQL_CHECK_CONSTRAINT_VIOLATED = 3819;
    /** MariaDB's number; MySQL uses 4025 for an unrelated HY000 error, so it only counts with class 23. */
    static final int MARIADB_CONSTRAINT_FAILED = 4025;

    /** A backtick-quoted identifier; a backtick inside it is doubled. */
    private static final String QUOTED = "`(?:[^`]|``)*+`";
    private static final String QUALIFIED = QUOTED + "(?:\\." + QUOTED + ")?";
    private static final String QUOTED_LIST = QUOTED + "(?:, " + QUOTED + ")*+";

    private static final Pattern MARIADB_CONNECTION = Pattern.compile("^\\(conn=\\d+\\) ");
    private static final String MARIADB_QUERY_DUMP = "\nQuery is: ";
    private static final Pattern DUPLICATE_ENTRY = Pattern.compile(
            "^Duplicate entry '(?<value>.*)' for key '(?<key>.*)'$", Pattern.DOTALL);
    private static final Pattern DUPLICATE_UNKNOWN = Pattern.compile("^Duplicate entry for key '(?<key>.*)'$",
            Pattern.DOTALL);
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "a foreign key constraint fails \\((?<child>" + QUALIFIED + "), CONSTRAINT (?<constraint>" + QUOTED
                    + ") FOREIGN KEY \\((?<cols>" + QUOTED_LIST + ")\\) REFERENCES (?<parent>" + QUALIFIED
                    + ") \\((?<refcols>" + QUOTED_LIST + ")\\)");
    private static final Pattern QUOTED_NAME = Pattern.compile(QUOTED);
    private static final Pattern NULL_COLUMN = Pattern.compile("^Column '(?<column>.*)' cannot be null$",
            Pattern.DOTALL);
    private static final Pattern NO_DEFAULT = Pattern.compile("^Field '(?<column>.*)' doesn't have a default value$",
            Pattern.DOTALL);
    private static final Pattern MARIADB_CHECK = Pattern.compile(
            "^CONSTRAINT (?<constraint>" + QUOTED + ") failed for (?<table>" + QUALIFIED + ")$");
    private static final Pattern MYSQL_CHECK = Pattern.compile("^Check constraint '(?<constraint>.*)' is violated\\.$",
            Pattern.DOTALL);

    private final boolean batchExceptionIsTheLastFailure;

    /** @param system {@link DatabaseSystem#MYSQL} for MySQL Connector/J, {@link DatabaseSystem#MARIADB} for MariaDB's */
    public MySqlDialect(DatabaseSystem system) {
        super(system);
        // Connector/J goes on after a failed entry and keeps the last exception; MariaDB's keeps the first.
        this.batchExceptionIsTheLastFailure = system == DatabaseSystem.MYSQL;
    }

    @Override
    public boolean doubleQuotesMayQuoteStrings() {
        return true;
    }

    @Override
    public ViolationKind classify(SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode();
        if (state != null && state.startsWith("23")) {
            ViolationKind byCode = kindOfCode(code);
            return byCode == ViolationKind.OTHER ? kindOfState(state) : byCode;
        }
        if (code == NO_DEFAULT_FOR_FIELD) {
            return ViolationKind.NOT_NULL;
        }
        return code == MYSQL_CHECK_CONSTRAINT_VIOLATED ? ViolationKind.CHECK : null;
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        String text = serverMessage(e.getMessage());
        facts.message(text);
        switch (e.getErrorCode()) {
            case DUP_ENTRY:
            case DUP_ENTRY_WITH_KEY_NAME:
                describeDuplicate(text, facts);
                break;
            case DUP_UNKNOWN_IN_INDEX:
                Matcher unknown = DUPLICATE_UNKNOWN.matcher(text);
                if (unknown.find()) {
                    describeKey(unknown.group("key"), facts);
                }
                break;
            case NO_REFERENCED_ROW:
            case NO_REFERENCED_ROW_2:
                describeForeignKey(text, facts, false);
                break;
            case ROW_IS_REFERENCED:
            case ROW_IS_REFERENCED_2:
                describeForeignKey(text, facts, true);
                break;
            case BAD_NULL:
            case MYSQL_BAD_NULL_NOT_IGNORED:
                addColumn(NULL_COLUMN.matcher(text), facts);
                break;
            case NO_DEFAULT_FOR_FIELD:
                addColumn(NO_DEFAULT.matcher(text), facts);
                break;
            case MARIADB_CONSTRAINT_FAILED:
                describeMariadbCheck(text, facts);
                break;
            case MYSQL_CHECK_CONSTRAINT_VIOLATED:
                Matcher check = MYSQL_CHECK.matcher(text);
                if (check.find()) {
                    facts.constraint(check.group("constraint"));
                }
                break;
            default:
                break;
        }
    }

    /**
     * Connector/J runs every entry and throws the exception of the last one that failed, so when the counts show
     * several failures, the exception is about the last. MariaDB Connector/J throws the first: the counts' own
     * order applies.
     */
    @Override
    public int failedBatchEntry(BatchUpdateException e) {
        if (!batchExceptionIsTheLastFailure) {
            return -1;
        }
        long[] counts = e.getLargeUpdateCounts();
        List<Integer> failed = UpdateCounts.failedEntries(counts, counts == null ? 0 : counts.length);
        return failed.isEmpty() ? -1 : failed.get(failed.size() - 1);
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        return "use INSERT INTO " + (table == null ? "the table" : table) + " (…) VALUES (…) ON DUPLICATE KEY"
                + " UPDATE … to update the existing row instead";
    }

    static ViolationKind kindOfCode(int code) {
        switch (code) {
            case DUP_KEY:
            case DUP_ENTRY:
            case DUP_UNIQUE:
            case FOREIGN_DUPLICATE_KEY:
            case DUP_ENTRY_WITH_KEY_NAME:
            case FOREIGN_DUPLICATE_KEY_WITH_CHILD_INFO:
            case FOREIGN_DUPLICATE_KEY_WITHOUT_CHILD_INFO:
            case DUP_UNKNOWN_IN_INDEX:
                return ViolationKind.UNIQUE;
            case NO_REFERENCED_ROW:
            case ROW_IS_REFERENCED:
            case ROW_IS_REFERENCED_2:
            case NO_REFERENCED_ROW_2:
                return ViolationKind.FOREIGN_KEY;
            case BAD_NULL:
            case MYSQL_BAD_NULL_NOT_IGNORED:
                return ViolationKind.NOT_NULL;
            case MARIADB_CONSTRAINT_FAILED:
                return ViolationKind.CHECK;
            default:
                return ViolationKind.OTHER;
        }
    }

    /**
     * The server's own message: without MariaDB Connector/J's {@code (conn=N)} prefix, and without the SQL it
     * appends with {@code dumpQueriesOnException}, which would repeat literals the agent masks in the SQL it shows.
     */
    static String serverMessage(String message) {
        if (message == null) {
            return "";
        }
        String text = MARIADB_CONNECTION.matcher(message).replaceFirst("");
        int dump = text.indexOf(MARIADB_QUERY_DUMP);
        return dump >= 0 ? text.substring(0, dump) : text;
    }

    /**
     * The value is printed unescaped, so it is everything between the first quote and the last
     * {@code ' for key '}. A composite key's parts are joined with '-', which they may contain too: the value
     * is kept whole.
     */
    private static void describeDuplicate(String text, ViolationFacts facts) {
        Matcher duplicate = DUPLICATE_ENTRY.matcher(text);
        if (duplicate.find()) {
            facts.keyValue(duplicate.group("value"));
            describeKey(duplicate.group("key"), facts);
        }
    }

    /** MySQL 8 qualifies the key with its table ({@code users.PRIMARY}); MariaDB and MySQL 5.7 do not. */
    private static void describeKey(String key, ViolationFacts facts) {
        int dot = key.indexOf('.');
        if (dot > 0 && dot < key.length() - 1) {
            facts.table(key.substring(0, dot));
            facts.constraint(key.substring(dot + 1));
        } else {
            facts.constraint(key);
        }
    }

    /** The table shown is always the referencing (child) one, also when a parent row was refused. */
    private static void describeForeignKey(String text, ViolationFacts facts, boolean parentSide) {
        facts.parentSide(parentSide);
        Matcher fk = FOREIGN_KEY.matcher(text);
        if (!fk.find()) {
            return;
        }
        List<String> child = names(fk.group("child"));
        if (child.size() == 2) {
            facts.schema(child.get(0));
        }
        facts.table(child.get(child.size() - 1));
        facts.constraint(names(fk.group("constraint")).get(0));
        for (String column : names(fk.group("cols"))) {
            facts.column(column);
        }
        // The parent is qualified only when it lives in another database.
        List<String> parent = names(fk.group("parent"));
        if (parent.size() == 2) {
            facts.referencedSchema(parent.get(0));
        }
        facts.referencedTable(parent.get(parent.size() - 1));
        for (String column : names(fk.group("refcols"))) {
            facts.referencedColumn(column);
        }
    }

    /**
     * A table-level check is named as declared; a column-level one is printed as {@code table.column}, while
     * the catalog names it after the column alone.
     */
    private static void describeMariadbCheck(String text, ViolationFacts facts) {
        Matcher check = MARIADB_CHECK.matcher(text);
        if (!check.find()) {
            return;
        }
        List<String> table = names(check.group("table"));
        if (table.size() == 2) {
            facts.schema(table.get(0));
        }
        String tableName = table.get(table.size() - 1);
        facts.table(tableName);
        String constraint = names(check.group("constraint")).get(0);
        String columnPrefix = tableName + ".";
        if (constraint.startsWith(columnPrefix) && constraint.length() > columnPrefix.length()) {
            String column = constraint.substring(columnPrefix.length());
            facts.constraint(column);
            facts.column(column);
        } else {
            facts.constraint(constraint);
        }
    }

    private static void addColumn(Matcher matcher, ViolationFacts facts) {
        if (matcher.find()) {
            facts.column(matcher.group("column"));
        }
    }

    /** The backtick-quoted names in {@code text}, unquoted. */
    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher name = QUOTED_NAME.matcher(text);
        while (name.find()) {
            String quoted = name.group();
            names.add(quoted.substring(1, quoted.length() - 1).replace("``", "`"));
        }
        return names;
    }
}
