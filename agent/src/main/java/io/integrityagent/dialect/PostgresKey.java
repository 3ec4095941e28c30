package io.integrityagent.dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key a PostgreSQL Detail states for a unique, foreign-key or exclusion violation, such as
 * {@code Key (a, b)=(1, x) already exists.} The columns are written as SQL: quoted where needed, and an
 * expression for an expression index. The values are each type's text output joined by ", ", neither quoted
 * nor escaped: when a value itself contains ", " the list cannot be split with certainty, and then no value
 * is paired with a column.
 */
final class PostgresKey {

    static final PostgresKey NONE = new PostgresKey(Collections.emptyList(), Collections.emptyList(), null);

    private static final String EXCLUSION_TAIL = ") conflicts with existing key (";
    private static final Pattern VALUES_AND_TAIL = Pattern.compile("(?<values>.*)\\) (?:already exists|is duplicated"
            + "|is not present in table \"(?<referenced>.+)\"|is (?:still )?referenced from table \".+\")\\.",
            Pattern.DOTALL);
    /** Without SELECT permission on the referenced table the server leaves the key out. */
    private static final Pattern KEY_WITHHELD = Pattern.compile("Key is not present in table \"(?<referenced>.+)\"\\.",
            Pattern.DOTALL);
    private static final String SEPARATOR = ", ";

    private final List<String> columns;
    private final List<String> values;
    private final String referencedTable;

    private PostgresKey(List<String> columns, List<String> values, String referencedTable) {
        this.columns = columns;
        this.values = values;
        this.referencedTable = referencedTable;
    }

    /** The key stated in {@code detail}, or {@link #NONE} when it states none. */
    static PostgresKey parse(String detail) {
        if (detail == null) {
            return NONE;
        }
        Matcher withheld = KEY_WITHHELD.matcher(detail);
        if (withheld.matches()) {
            return new PostgresKey(Collections.emptyList(), Collections.emptyList(), withheld.group("referenced"));
        }
        String opening = "Key (";
        int columnsEnd = detail.startsWith(opening)
                ? outsideQuotesAndParentheses(detail, opening.length(), ")") : -1;
        if (columnsEnd < 0 || !detail.startsWith(")=(", columnsEnd)) {
            return NONE;
        }
        String columnList = detail.substring(opening.length(), columnsEnd);
        String rest = detail.substring(columnsEnd + 3);
        String valueList;
        String referenced = null;
        int exclusion = rest.indexOf(EXCLUSION_TAIL + columnList + ")=(");
        if (exclusion >= 0) {
            valueList = rest.substring(0, exclusion);
        } else {
            Matcher tail = VALUES_AND_TAIL.matcher(rest);
            if (!tail.matches()) {
                return NONE;
            }
            valueList = tail.group("values");
            referenced = tail.group("referenced");
        }
        List<String> columns = columns(columnList);
        return new PostgresKey(columns, values(valueList, columns.size()), referenced);
    }

    /** The key's columns, unquoted; an expression of an expression index as written. */
    List<String> columns() {
        return columns;
    }

    /** The key's values as printed, one per column; empty when they could not be told apart. */
    List<String> values() {
        return values;
    }

    /** The table a missing parent row was looked for in, or null. */
    String referencedTable() {
        return referencedTable;
    }

    private static List<String> columns(String columnList) {
        List<String> columns = new ArrayList<>();
        int start = 0;
        while (start <= columnList.length()) {
            int end = outsideQuotesAndParentheses(columnList, start, SEPARATOR);
            end = end < 0 ? columnList.length() : end;
            columns.add(unquoted(columnList.substring(start, end)));
            start = end + SEPARATOR.length();
        }
        return columns;
    }

    /**
     * Where {@code stop} first occurs from {@code from} on, outside quoted names, literals and parentheses opened
     * after {@code from} (an expression such as {@code coalesce(a, 0)}); -1 when it does not.
     */
    private static int outsideQuotesAndParentheses(String text, int from, String stop) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens, which comes to the same
                }
            } else if (depth == 0 && text.startsWith(stop, i)) {
                return i;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return -1;
    }

    /** A name PostgreSQL had to quote, without its quotes; anything else (a plain name, an expression) as is. */
    private static String unquoted(String item) {
        if (item.length() < 2 || item.charAt(0) != '"' || item.charAt(item.length() - 1) != '"') {
            return item;
        }
        StringBuilder name = new StringBuilder(item.length());
        for (int i = 1; i < item.length() - 1; i++) {
            char c = item.charAt(i);
            if (c == '"') {
                if (item.charAt(i + 1) != '"') {
                    return item; // two quoted names in one expression, such as "a" || "b"
                }
                i++;
            }
            name.append(c);
        }
        return name.toString();
    }

    /**
     * One value per column, or none: the values are unquoted, so the list splits with certainty only when it
     * holds exactly one separator fewer than there are columns.
     */
    private static List<String> values(String valueList, int columnCount) {
        if (columnCount == 1) {
            return Collections.singletonList(valueList);
        }
        List<String> values = new ArrayList<>(columnCount);
        int start = 0;
        int separator;
        while ((separator = valueList.indexOf(SEPARATOR, start)) >= 0) {
            values.add(valueList.substring(start, separator));
            start = separator + SEPARATOR.length();
        }
        values.add(valueList.substring(start));
        return values.size() == columnCount ? values : Collections.emptyList();
    }
}
