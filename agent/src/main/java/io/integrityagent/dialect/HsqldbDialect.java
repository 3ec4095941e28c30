package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HSQLDB 2.x. Its messages read {@code integrity constraint violation: <what> ; <constraint> table: <table>},
 * followed by {@code column: <column>} for NOT NULL and {@code value: <values>} for a missing parent; a unique
 * index made with CREATE UNIQUE INDEX is named alone, {@code unique constraint or index violation: <index>}.
 * A parent row that is still referenced is 23504 and names the referencing (child) table. Names that need
 * quotes are quoted, except in CHECK messages. Composite values are joined by bare commas and never quoted,
 * so they cannot be split, and no column is named for them: they are not taken.
 */
public final class HsqldbDialect extends SqlStateDialect {

    private static final Pattern VIOLATION = Pattern.compile(
            "^integrity constraint violation: [^;:]+?(?: ; (?<described>.*)|: (?<index>.*))$", Pattern.DOTALL);
    private static final String TABLE = " table: ";
    private static final String COLUMN = " column: ";
    private static final String VALUE = " value: ";

    public HsqldbDialect() {
        super(DatabaseSystem.HSQLDB);
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        facts.parentSide(facts.kind() == ViolationKind.FOREIGN_KEY && "23504".equals(e.getSQLState()));
        Matcher violation = VIOLATION.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!violation.find()) {
            return;
        }
        if (violation.group("index") != null) {
            facts.constraint(Identifiers.unquoted(violation.group("index")));
            return;
        }
        String described = violation.group("described");
        int table = described.indexOf(TABLE);
        if (table < 0) {
            return;
        }
        facts.constraint(Identifiers.unquoted(described.substring(0, table)));
        String rest = described.substring(table + TABLE.length());
        int value = rest.indexOf(VALUE);
        if (value >= 0) {
            rest = rest.substring(0, value);
        }
        int column = rest.indexOf(COLUMN);
        facts.table(Identifiers.unquoted(column >= 0 ? rest.substring(0, column) : rest));
        if (column >= 0) {
            facts.column(Identifiers.unquoted(rest.substring(column + COLUMN.length())));
        }
    }

    /** HSQLDB folds unquoted identifiers to upper case. */
    @Override
    public String canonicalName(String identifier) {
        return Identifiers.foldedToUpperCase(identifier);
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        String name = table == null ? "the table" : table;
        String on = keyColumns.isEmpty() ? "the key columns match" : on(name, keyColumns);
        return "use HSQLDB's MERGE INTO " + name + " USING (VALUES (…)) AS s (…) ON " + on + " WHEN MATCHED THEN"
                + " UPDATE SET … WHEN NOT MATCHED THEN INSERT VALUES (…) to update the existing row instead";
    }

    private static String on(String table, List<String> keyColumns) {
        StringBuilder on = new StringBuilder();
        for (String column : keyColumns) {
            if (on.length() > 0) {
                on.append(" AND ");
            }
            on.append(table).append('.').append(column).append(" = s.").append(column);
        }
        return on.toString();
    }
}
