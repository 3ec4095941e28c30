package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite through the xerial driver. It sets no SQLSTATE and the error code 19 (SQLITE_CONSTRAINT) for every
 * kind; the kind is in the extended result code, which {@code SQLiteException.getResultCode()} returns as an
 * enum constant named like {@code SQLITE_CONSTRAINT_UNIQUE} and which the message repeats in brackets. The
 * message names table and columns as {@code table.column} but never a unique constraint; a CHECK is named by
 * its constraint name or, when unnamed, by its condition; a foreign-key message says nothing at all, not even
 * which side failed.
 */
public final class SqliteDialect extends SqlStateDialect {

    private static final String CONSTRAINT_CODE = "SQLITE_CONSTRAINT";
    private static final DriverAccessor RESULT_CODE = new DriverAccessor("getResultCode");
    private static final Pattern CODE_IN_MESSAGE = Pattern.compile("^\\[(?<code>SQLITE_\\w+)]");
    private static final Pattern FAILED = Pattern.compile(
            "\\((?<kind>UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?:: (?<detail>.*))?\\)$", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("index '(?<index>.*)'");
    private static final Pattern STRICT_TYPE = Pattern.compile("in \\w+ column (?<column>[^)]+)\\)$");
    private static final Pattern BATCH_ENTRY = Pattern.compile("^batch entry (?<entry>\\d+): ");
    private static final Pattern CONSTRAINT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public SqliteDialect() {
        super(DatabaseSystem.SQLITE);
    }

    @Override
    public boolean doubleQuotesMayQuoteStrings() {
        return true;
    }

    @Override
    public ViolationKind classify(SQLException e) {
        String code = resultCode(e);
        if (code == null) {
            return super.classify(e);
        }
        if (!code.startsWith(CONSTRAINT_CODE)) {
            return null;
        }
        switch (code.substring(CONSTRAINT_CODE.length())) {
            case "_PRIMARYKEY":
            case "_UNIQUE":
            case "_ROWID":
                return ViolationKind.UNIQUE;
            case "_NOTNULL":
                return ViolationKind.NOT_NULL;
            case "_CHECK":
                return ViolationKind.CHECK;
            case "_FOREIGNKEY":
                return ViolationKind.FOREIGN_KEY;
            case "":
                return kindInMessage(e.getMessage());
            default: // TRIGGER (a RAISE), DATATYPE (a STRICT table), COMMITHOOK, FUNCTION, VTAB, PINNED
                return ViolationKind.OTHER;
        }
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        Matcher failed = FAILED.matcher(text);
        String detail = failed.find() ? failed.group("detail") : null;
        if (detail == null) {
            Matcher strictType = STRICT_TYPE.matcher(text);
            if (facts.kind() == ViolationKind.OTHER && strictType.find()) {
                addTableColumns(strictType.group("column"), facts);
            }
            return;
        }
        switch (facts.kind()) {
            case UNIQUE:
                Matcher index = INDEX.matcher(detail);
                if (index.matches()) {
                    facts.constraint(index.group("index")); // a unique index on expressions, not on columns
                } else {
                    addTableColumns(detail, facts);
                }
                break;
            case NOT_NULL:
                addTableColumns(detail, facts);
                break;
            case CHECK:
                // A named check shows its name; an unnamed one its condition as written. A condition that is a
                // bare column name, CHECK (active), cannot be told from a name and is read as one.
                if (CONSTRAINT_NAME.matcher(detail).matches()) {
                    facts.constraint(detail);
                } else {
                    facts.checkExpression(detail);
                }
                break;
            default:
                break;
        }
    }

    /** A plain statement's batch names the failing entry, 0-based: {@code batch entry 1: [SQLITE_...]}. */
    @Override
    public int failedBatchEntry(BatchUpdateException e) {
        Matcher entry = BATCH_ENTRY.matcher(e.getMessage() == null ? "" : e.getMessage());
        return entry.find() ? Integer.parseInt(entry.group("entry")) : -1;
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        String name = table == null ? "the table" : table;
        String key = keyColumns.isEmpty() ? "" : " (" + String.join(", ", keyColumns) + ")";
        return "use SQLite's INSERT INTO " + name + " (…) VALUES (…) ON CONFLICT" + key + " DO UPDATE SET … to"
                + " update the existing row instead (or INSERT OR IGNORE to keep it)";
    }

    /** The extended result code's name, from the driver's accessor or else the message; null if neither has one. */
    private static String resultCode(SQLException e) {
        Object code = RESULT_CODE.read(e);
        if (code instanceof Enum) {
            return ((Enum<?>) code).name();
        }
        Matcher inMessage = CODE_IN_MESSAGE.matcher(e.getMessage() == null ? "" : e.getMessage());
        return inMessage.find() ? inMessage.group("code") : null;
    }

    /** Without an extended code only the message tells the kind. */
    private static ViolationKind kindInMessage(String message) {
        Matcher failed = FAILED.matcher(message == null ? "" : message);
        if (!failed.find()) {
            return ViolationKind.OTHER;
        }
        switch (failed.group("kind")) {
            case "UNIQUE":
                return ViolationKind.UNIQUE;
            case "NOT NULL":
                return ViolationKind.NOT_NULL;
            case "CHECK":
                return ViolationKind.CHECK;
            default:
                return ViolationKind.FOREIGN_KEY;
        }
    }

    /** {@code t.a, t.b}: every column is prefixed with its table, as SQLite spells both in its schema. */
    private static void addTableColumns(String list, ViolationFacts facts) {
        for (String qualified : list.split(", ")) {
            int dot = qualified.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            if (facts.table() == null) {
                facts.table(qualified.substring(0, dot));
            }
            facts.column(qualified.substring(dot + 1));
        }
    }
}
