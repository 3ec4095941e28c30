package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2 1.4 and 2.x. Its messages name the index or constraint, the table, the columns and a row, but: a unique
 * violation shows the row that already exists (not the one sent), 2.x names the backing index and only 2.5
 * adds the constraint (before, a primary key is not named at all: the catalog names both), and a 2.x CHECK
 * message leaves the condition out. H2 uses 23506 for a missing parent row and 23503 for a parent row that is
 * still referenced.
 */
public final class H2Dialect extends SqlStateDialect {

    /** A name H2 quoted, inside its quoted message: see {@link MessageScan#endOfName}. */
    private static final String QUOTED_NAME = "\"\"(?:\"\"\"\"|\"(?!\")|[^\"])*+\"\"";
    private static final Pattern PRIMARY_KEY = Pattern.compile("\"(?:(?<constraint>(?:" + QUOTED_NAME
            + "|[^ \"])++) )?PRIMARY KEY ON (?<table>(?:" + QUOTED_NAME
            + "|[^(\"])++)\\((?<cols>[^)]*)\\)(?<row>[^\"]*)\"");
    private static final Pattern NOT_NULL = Pattern.compile("NULL not allowed for column \"(?<column>[^\"]+)\"");
    private static final String CHECK = "Check constraint violation: \"";
    private static final Pattern SORT_ORDER = Pattern.compile("\\s+(?:NULLS (?:FIRST|LAST)|ASC|DESC)\\b.*$");
    private static final String[] SORT_ORDERS = {"NULLS FIRST", "NULLS LAST", "ASC", "DESC"};

    public H2Dialect() {
        super(DatabaseSystem.H2);
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        String text = withoutStatement(e.getMessage());
        facts.message(text);
        switch (facts.kind()) {
            case UNIQUE:
                describeUnique(text, facts);
                break;
            case NOT_NULL:
                Matcher notNull = NOT_NULL.matcher(text);
                if (notNull.find()) {
                    facts.column(notNull.group("column"));
                }
                break;
            case FOREIGN_KEY:
                describeForeignKey(text, facts, "23503".equals(e.getSQLState()));
                break;
            case CHECK:
                describeCheck(text, facts);
                break;
            default:
                break;
        }
    }

    /** H2 folds unquoted identifiers to upper case; a quoted lower-case name is taken for an unquoted one. */
    @Override
    public String canonicalName(String identifier) {
        return Identifiers.isRegular(identifier, "$") ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }

    /** H2 2.x leaves the condition out of its CHECK message (a bug in ConstraintCheck); the catalog has it. */
    @Override
    public String checkConditionQuery() {
        return "SELECT CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = SCHEMA()"
                + " AND CONSTRAINT_NAME = ?";
    }

    @Override
    public String indexConstraintQuery() {
        return "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE INDEX_SCHEMA ="
                + " COALESCE(?, SCHEMA()) AND INDEX_NAME = ? AND CONSTRAINT_TYPE IN ('UNIQUE', 'PRIMARY KEY')";
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        String key = keyColumns.isEmpty() ? "" : " KEY (" + String.join(", ", keyColumns) + ")";
        return "use H2's MERGE INTO " + nameOr(table) + " (…)" + key + " VALUES (…) to update the existing row"
                + " instead";
    }

    private static void describeUnique(String text, ViolationFacts facts) {
        // The cheap test first: most unique violations are of a unique constraint, not of the primary key.
        Matcher primaryKey = text.contains(" PRIMARY KEY ON ") || text.contains("\"PRIMARY KEY ON ")
                ? PRIMARY_KEY.matcher(text) : null;
        if (primaryKey != null && primaryKey.find()) {
            String constraint = primaryKey.group("constraint");
            facts.constraint(unqualified(constraint));
            facts.primaryKey(constraint == null);
            facts.schema(schemaOf(primaryKey.group("table")));
            facts.table(unqualified(primaryKey.group("table")));
            addColumns(primaryKey.group("cols"), facts);
            // The message goes on to show the whole existing row: other people's data, never repeated.
            facts.message(text.substring(0, primaryKey.start("row")) + text.substring(primaryKey.end("row")));
            return;
        }
        H2IndexMessage index = H2IndexMessage.find(text);
        if (index != null) {
            if (index.constraint != null) {
                facts.constraint(unqualified(index.constraint));
            } else {
                facts.index(unqualified(index.index));
            }
            facts.schema(schemaOf(index.table));
            facts.table(unqualified(index.table));
            addColumns(index.columns, facts);
            String values = index.values.trim();
            // 2.x prints the key values, ( /* 1 */ 'a' ); 1.4 prints a row number, which is not a value.
            if (values.startsWith("(")) {
                pairValues(facts.columns(), ValueLists.split(withoutComments(values.substring(1, values.length() - 1))),
                        facts);
            }
        }
    }

    private static void describeForeignKey(String text, ViolationFacts facts, boolean parentSide) {
        facts.parentSide(parentSide);
        H2ForeignKeyMessage fk = H2ForeignKeyMessage.find(text);
        if (fk == null) {
            return;
        }
        facts.constraint(unquoted(fk.constraint));
        facts.schema(schemaOf(fk.table));
        facts.table(unqualified(fk.table));
        addColumns(fk.columns, facts);
        facts.referencedSchema(schemaOf(fk.referencedTable));
        facts.referencedTable(unqualified(fk.referencedTable));
        for (String column : fk.referencedColumns.split(",")) {
            facts.referencedColumn(messageIdentifier(column.trim()));
        }
        // The value is the key that was looked for: the child's value, or the parent's key when deleting it.
        List<String> keyColumns = parentSide ? facts.referencedColumns() : facts.columns();
        pairValues(keyColumns, ValueLists.split(fk.values), facts);
    }

    /**
     * 2.x writes {@code "NAME: "}, the condition left out; 1.4 {@code "NAME: condition"} or {@code "condition"}. The
     * name is written as it is, its quotes doubled, so a {@code ":"} in it is no end.
     */
    private static void describeCheck(String text, ViolationFacts facts) {
        int start = text.indexOf(CHECK);
        if (start < 0) {
            return;
        }
        start += CHECK.length();
        int end = MessageScan.endOfDoubledQuotes(text, start, text.length());
        if (end == text.length()) {
            return;
        }
        String quoted = text.substring(start, end);
        int colon = quoted.endsWith(": ") ? quoted.length() - 2 : quoted.indexOf(": ");
        if (colon > 0) {
            facts.constraint(unquoted(quoted.substring(0, colon)));
        }
        String expression = unquoted(quoted.substring(colon > 0 ? colon + 2 : 0)).trim();
        facts.checkExpression(expression.isEmpty() ? null : expression);
    }

    /** Text of H2's quoted message as it was before H2 doubled its quotes. */
    private static String unquoted(String text) {
        return text.replace("\"\"", "\"");
    }

    private static void addColumns(String columnList, ViolationFacts facts) {
        for (String column : columnList.split(",")) {
            String name = messageIdentifier(withoutSortOrder(column.trim()));
            if (!name.isEmpty()) {
                facts.column(name);
            }
        }
    }

    /**
     * A name as H2 spells it inside the quoted text of its message, where every quote and backslash is doubled: the
     * quoted name {@code "a""b"} (that is, {@code a"b}) appears as {@code ""a""""b""}, and a name beyond ASCII as
     * its Unicode escape, {@code Ümlaut} as {@code U&""\\00dcmlaut""}.
     */
    static String messageIdentifier(String name) {
        boolean unicode = name.startsWith("U&");
        String quoted = unicode ? name.substring(2) : name;
        if (quoted.length() >= 4 && quoted.startsWith("\"\"") && quoted.endsWith("\"\"")) {
            String plain = quoted.substring(2, quoted.length() - 2).replace("\"\"\"\"", "\"")
                    .replace("\\\\", "\\");
            return unicode ? Identifiers.unicodeEscaped(plain, name) : plain;
        }
        return name;
    }

    /**
     * {@code EMAIL NULLS FIRST} as {@code EMAIL}: the column without the sort order H2 2.x prints after it. A name
     * of letters, digits and underscores, as nearly all are, is read by hand; any other by the regular expression.
     */
    static String withoutSortOrder(String column) {
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c != ' ' && c != '_' && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return SORT_ORDER.matcher(column).replaceFirst("");
            }
        }
        for (int space = column.indexOf(' '); space >= 0; ) {
            int after = space;
            while (after < column.length() && column.charAt(after) == ' ') {
                after++;
            }
            for (String order : SORT_ORDERS) {
                int end = after + order.length();
                if (column.startsWith(order, after) && (end == column.length() || column.charAt(end) == ' ')) {
                    return column.substring(0, space);
                }
            }
            space = column.indexOf(' ', after);
        }
        return column;
    }

    /**
     * {@code text} without the comments H2 puts between the values it prints ({@code /* 1 *}{@code /}), those
     * that end on the line they start on.
     */
    static String withoutComments(String text) {
        StringBuilder kept = null;
        int from = 0;
        int open = text.indexOf("/*");
        while (open >= 0) {
            int close = text.indexOf("*/", open + 2);
            if (close >= 0 && !hasLineTerminator(text, open + 2, close)) {
                kept = kept == null ? new StringBuilder(text.length()) : kept;
                kept.append(text, from, open);
                from = close + 2;
                open = text.indexOf("/*", from);
            } else {
                open = text.indexOf("/*", open + 1);
            }
        }
        return kept == null ? text : kept.append(text, from, text.length()).toString();
    }

    /** Whether a line terminator, as a regular expression's {@code .} does not match it, lies between the two. */
    private static boolean hasLineTerminator(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (MessageScan.isLineTerminator(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void pairValues(List<String> columns, List<String> values, ViolationFacts facts) {
        if (columns.size() == values.size()) {
            for (int i = 0; i < columns.size(); i++) {
                facts.reportedValue(columns.get(i), values.get(i));
            }
        }
    }

    /** H2 appends "; SQL statement:" and the SQL with its literals; the agent shows the SQL on its own. */
    private static String withoutStatement(String message) {
        if (message == null) {
            return "";
        }
        int statement = message.indexOf("; SQL statement:");
        return statement >= 0 ? message.substring(0, statement) : message;
    }

    /** {@code PUBLIC.""Order Items""} as {@code Order Items}: the name's last part, unquoted. */
    private static String unqualified(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim();
        return messageIdentifier(trimmed.substring(lastDot(trimmed) + 1));
    }

    private static String schemaOf(String qualifiedName) {
        String trimmed = qualifiedName.trim();
        int dot = lastDot(trimmed);
        return dot > 0 ? messageIdentifier(trimmed.substring(0, dot)) : null;
    }

    /** The last dot of a qualified name that is not inside a part H2 quoted; -1 if none. */
    private static int lastDot(String name) {
        int last = -1;
        for (int dot = MessageScan.endOfName(name, 0, '.', '.'); dot < name.length();
                dot = MessageScan.endOfName(name, dot + 1, '.', '.')) {
            last = dot;
        }
        return last;
    }

    private static String nameOr(String table) {
        return table == null ? "the table" : table;
    }
}
