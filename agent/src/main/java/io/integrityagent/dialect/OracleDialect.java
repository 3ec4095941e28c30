package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Oracle through ojdbc. The vendor code is the ORA number and tells the kind: ORA-01407 (NOT NULL on update)
 * comes with SQLSTATE 72000 in a plain SQLException. Oracle translates its messages into the session's language,
 * so only what every language keeps is read: the code, then the parenthesised names in the order the message
 * template fills them in. Oracle 23ai adds the table and columns to ORA-00001 and, with ERROR_MESSAGE_DETAILS,
 * an ORA-03301 line with the key values of the existing row.
 */
public final class OracleDialect extends SqlStateDialect {

    private static final int UNIQUE = 1;
    private static final int NULL_INSERTED = 1400;
    private static final int NULL_UPDATED = 1407;
    private static final int CHECK = 2290;
    private static final int PARENT_MISSING = 2291;
    private static final int CHILD_FOUND = 2292;

    /** {@code (SCHEMA.NAME)} and the rest of that line; the schema is missing in some messages. */
    private static final Pattern CONSTRAINT = Pattern.compile(
            "^[^(\\n]*\\((?:(?<schema>[^.()\\n]+)\\.)?(?<name>[^()\\n]+)\\)(?<rest>[^\\n]*)");
    /** {@code ("SCHEMA"."TABLE"."COLUMN")} of ORA-01400 and ORA-01407. */
    private static final Pattern QUOTED_PATH = Pattern.compile("\\((\"[^\"\\n]*\"(?:\\.\"[^\"\\n]*\")+)\\)");
    private static final Pattern QUOTED_PART = Pattern.compile("\"([^\"]*)\"");
    /** Oracle 23ai: {@code … violated on table S.T columns (A, B)}; only the column list survives translation. */
    private static final Pattern TABLE_23AI = Pattern.compile("\\bon table (\\S+) columns \\(");
    private static final Pattern LAST_GROUP = Pattern.compile("\\(([^()]*)\\)[^()]*$");
    private static final Pattern EXISTING_ROW = Pattern.compile(
            "(?m)^ORA-03301: \\(ORA-00001[^)\\n]*\\)[^(\\n]*\\((?<values>.*)\\)[^()\\n]*$");
    /** The link ojdbc 23 appends to every message. */
    private static final Pattern HELP_LINK = Pattern.compile("\\s*https://docs\\.oracle\\.com/error-help/\\S*\\s*$");

    public OracleDialect() {
        super(DatabaseSystem.ORACLE);
    }

    @Override
    public ViolationKind classify(SQLException e) {
        switch (oracleCode(e)) {
            case UNIQUE:
                return ViolationKind.UNIQUE;
            case NULL_INSERTED:
            case NULL_UPDATED:
                return ViolationKind.NOT_NULL;
            case CHECK:
                return ViolationKind.CHECK;
            case PARENT_MISSING:
            case CHILD_FOUND:
                return ViolationKind.FOREIGN_KEY;
            default:
                return super.classify(e);
        }
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        String text = e.getMessage() == null ? "" : HELP_LINK.matcher(e.getMessage()).replaceFirst("").trim();
        facts.message(text);
        int code = oracleCode(e);
        String line = lineOf(text, code);
        if (line == null) {
            return;
        }
        switch (code) {
            case UNIQUE:
                describeUnique(line, text, facts);
                break;
            case CHECK:
            case PARENT_MISSING:
            case CHILD_FOUND:
                facts.parentSide(code == CHILD_FOUND);
                Matcher constraint = CONSTRAINT.matcher(line);
                if (constraint.find()) {
                    facts.constraint(constraint.group("name").trim());
                }
                break;
            case NULL_INSERTED:
            case NULL_UPDATED:
                describeNullColumn(line, facts);
                break;
            default:
                break;
        }
    }

    @Override
    public String canonicalName(String identifier) {
        return Identifiers.foldedToUpperCase(identifier);
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        List<String> keys = keyColumns.isEmpty() ? List.of("<key>") : keyColumns;
        List<String> selected = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        for (String key : keys) {
            selected.add("? AS " + key);
            matched.add("t." + key + " = s." + key);
        }
        return "use a MERGE INTO " + (table == null ? "<table>" : table) + " t USING (SELECT "
                + String.join(", ", selected) + ", … FROM dual) s ON (" + String.join(" AND ", matched) + ")"
                + " WHEN MATCHED THEN UPDATE SET … WHEN NOT MATCHED THEN INSERT (…) VALUES (…) to update the"
                + " existing row instead (under concurrent inserts MERGE can still raise ORA-00001: retry it once)";
    }

    /** ORA-00001: the constraint, and in 23ai the table, the key columns and the existing row's key values. */
    private static void describeUnique(String line, String text, ViolationFacts facts) {
        Matcher constraint = CONSTRAINT.matcher(line);
        if (!constraint.find()) {
            return;
        }
        facts.constraint(constraint.group("name").trim());
        String rest = constraint.group("rest");
        Matcher table = TABLE_23AI.matcher(rest);
        if (table.find()) {
            facts.table(Identifiers.lastPart(table.group(1)));
        }
        Matcher columns = LAST_GROUP.matcher(rest);
        if (!columns.find()) {
            return;
        }
        for (String column : columns.group(1).split(",")) {
            if (!column.trim().isEmpty()) {
                facts.column(column.trim());
            }
        }
        Matcher existing = EXISTING_ROW.matcher(text);
        if (existing.find()) {
            pairExistingValues(ValueLists.split(existing.group("values")), facts);
        }
    }

    /** {@code COLUMN:value} items, paired only when every one names a column of the constraint. */
    private static void pairExistingValues(List<String> items, ViolationFacts facts) {
        List<String[]> pairs = new ArrayList<>();
        for (String item : items) {
            int colon = item.indexOf(':');
            if (colon <= 0 || !facts.columns().contains(item.substring(0, colon).trim())) {
                return;
            }
            pairs.add(new String[] {item.substring(0, colon).trim(), item.substring(colon + 1).trim()});
        }
        for (String[] pair : pairs) {
            facts.reportedValue(pair[0], pair[1]);
        }
    }

    private static void describeNullColumn(String line, ViolationFacts facts) {
        Matcher path = QUOTED_PATH.matcher(line);
        if (!path.find()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        Matcher part = QUOTED_PART.matcher(path.group(1));
        while (part.find()) {
            parts.add(part.group(1));
        }
        if (parts.size() >= 3) {
            facts.table(parts.get(1));
            // An attribute of an object column is named by the rest of the path.
            facts.column(String.join(".", parts.subList(2, parts.size())));
        }
    }

    /** The ORA number, when the message carries it too: other exceptions in the chain may reuse small codes. */
    private static int oracleCode(SQLException e) {
        int code = e.getErrorCode();
        String message = e.getMessage();
        return message != null && message.contains(oraPrefix(code)) ? code : -1;
    }

    /** The text of the {@code ORA-nnnnn:} line itself, after the prefix. */
    private static String lineOf(String text, int code) {
        int start = text.indexOf(oraPrefix(code));
        if (start < 0) {
            return null;
        }
        int end = text.indexOf('\n', start);
        return text.substring(start + oraPrefix(code).length(), end < 0 ? text.length() : end);
    }

    private static String oraPrefix(int code) {
        return String.format(Locale.ROOT, "ORA-%05d:", code);
    }
}
