package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.SqlOperation;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache Derby 10.11 and later. Its violations (except NOT NULL, a plain SQLIntegrityConstraintViolationException
 * naming only the column) carry {@code getConstraintName()} and {@code getTableName()}; the table is the one the
 * statement changed, which for a foreign key is the child on INSERT, the parent on DELETE and either on UPDATE.
 * Constraints declared DEFERRABLE fail with their own states at commit (23506/23507 unique, 23514/23515 check,
 * 23516/23517 foreign key). The foreign-key messages print the key values, but name no column.
 */
public final class DerbyDialect extends SqlStateDialect {

    private static final DriverAccessor CONSTRAINT_NAME = new DriverAccessor("getConstraintName");
    private static final DriverAccessor TABLE_NAME = new DriverAccessor("getTableName");
    private static final Pattern NOT_NULL = Pattern.compile("^Column '(?<column>.+)'\\s+cannot accept a NULL value");
    private static final Pattern FOREIGN_KEY_STATEMENT = Pattern.compile(
            "^(?<operation>[A-Z]+) on table '.+' caused a violation of foreign key constraint");
    /** The key values the foreign-key message prints, comma separated and unquoted: (tok-9f8e7d6c5b4a). */
    private static final Pattern FOREIGN_KEY_VALUE = Pattern.compile(" for key \\((?<key>.*)\\)\\.  The statement");
    /** A deferred foreign key names the parent table last; the first table it names is wrong on the parent side. */
    private static final Pattern DEFERRED_FOREIGN_KEY_PARENT = Pattern.compile(
            "referencing constraint '.+' defined on (?<parent>.+), key '.*'\\.$", Pattern.DOTALL);
    private static final Pattern DEFERRED_CHECK_CONDITION = Pattern.compile(
            "Check constraint identified by '.+' defined on .+ as '(?<condition>.*)'\\.$", Pattern.DOTALL);

    public DerbyDialect() {
        super(DatabaseSystem.DERBY);
    }

    @Override
    public ViolationKind classify(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return super.classify(e);
        }
        switch (state) {
            case "23506":
            case "23507":
                return ViolationKind.UNIQUE;
            case "23514":
            case "23515":
                return ViolationKind.CHECK;
            case "23516":
            case "23517":
                return ViolationKind.FOREIGN_KEY;
            default:
                return super.classify(e);
        }
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        Object constraint = CONSTRAINT_NAME.read(e);
        if (constraint instanceof String) {
            facts.constraint((String) constraint);
        }
        Object tableName = TABLE_NAME.read(e);
        String table = tableName instanceof String ? Identifiers.lastOfQuoted((String) tableName) : null;
        switch (facts.kind()) {
            case NOT_NULL:
                Matcher notNull = NOT_NULL.matcher(text);
                if (notNull.find()) {
                    facts.column(notNull.group("column"));
                }
                break;
            case FOREIGN_KEY:
                describeForeignKey(text, table, facts);
                break;
            case CHECK:
                facts.table(table);
                Matcher condition = DEFERRED_CHECK_CONDITION.matcher(text);
                if (condition.find()) {
                    facts.checkExpression(condition.group("condition"));
                }
                break;
            default:
                facts.table(table);
                break;
        }
    }

    /** Derby folds unquoted identifiers to upper case. */
    @Override
    public String canonicalName(String identifier) {
        return Identifiers.foldedToUpperCase(identifier);
    }

    /** Derby names the index behind a unique constraint with a system name, such as SQL251121100334110. */
    @Override
    public String backingIndexQuery() {
        return "SELECT g.CONGLOMERATENAME FROM SYS.SYSCONSTRAINTS c"
                + " JOIN SYS.SYSKEYS k ON k.CONSTRAINTID = c.CONSTRAINTID"
                + " JOIN SYS.SYSCONGLOMERATES g ON g.CONGLOMERATEID = k.CONGLOMERATEID WHERE c.CONSTRAINTNAME = ?";
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        String name = table == null ? "the table" : table;
        String on = keyColumns.isEmpty() ? "the key columns match" : String.join(" = ? AND ", keyColumns) + " = ?";
        return "use Derby's MERGE INTO " + name + " USING SYSIBM.SYSDUMMY1 ON " + on + " WHEN MATCHED THEN UPDATE"
                + " SET … WHEN NOT MATCHED THEN INSERT (…) VALUES (…) (Derby 10.11 and later) to update the existing"
                + " row instead";
    }

    private static void describeForeignKey(String text, String table, ViolationFacts facts) {
        Matcher key = FOREIGN_KEY_VALUE.matcher(text);
        if (key.find()) {
            // Known as the key value, it is masked like one when its column is sensitive (a parent's api_token).
            facts.keyValue(key.group("key"));
        }
        Matcher statement = FOREIGN_KEY_STATEMENT.matcher(text);
        if (statement.find()) {
            switch (SqlOperation.of(statement.group("operation"))) {
                case INSERT:
                    facts.table(table);
                    break;
                case DELETE:
                    facts.parentSide(true);
                    facts.referencedTable(table);
                    break;
                default: // an UPDATE of the child's key or of the parent's: the message does not tell which
                    break;
            }
            return;
        }
        Matcher deferred = DEFERRED_FOREIGN_KEY_PARENT.matcher(text);
        if (deferred.find()) {
            facts.referencedTable(Identifiers.lastOfQuoted(deferred.group("parent")));
        }
    }
}
