package io.integrityagent.explanation;

import io.integrityagent.dialect.ConsoleSyntax;
import io.integrityagent.util.Escaping;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the query that shows the rows a violation is about — {@code SELECT * FROM users WHERE email = 'a@x'} —
 * in the database's own syntax ({@link ConsoleSyntax}), for the user to paste into its console. The agent never
 * runs it. Each column is compared with the value involved ({@code IS NULL} for NULL); a value the agent will not
 * or cannot show becomes a named placeholder ({@code :api_token}) that a comment at the end explains, so the query
 * says what to fill in instead of silently finding nothing. When a name cannot be written, there is no query.
 */
public final class LookupQuery {

    /** Why a value is a placeholder in the query. */
    private enum Hidden {
        MASKED("masked"),
        TOO_LONG("longer than values.max.length"),
        NOT_KEPT("not kept by the agent"),
        CUT("cut short in the database's message"),
        CONTROL("holds a control or invisible character this database cannot spell in a literal"),
        INEXACT("not shown exactly in the database's message"),
        NO_LITERAL("its type has no literal here");

        final String reason;

        Hidden(String reason) {
            this.reason = reason;
        }
    }

    /** A column the query compares: by its name as the database stores it, or as the application's SQL wrote it. */
    public static final class Column {
        private final String name;
        private final String written;

        private Column(String name, String written) {
            this.name = name;
            this.written = written;
        }

        /** A column by its name as the database stores it, to be quoted as the database needs. */
        public static Column named(String name) {
            return new Column(name, null);
        }

        /**
         * A column as the application's SQL wrote it ({@code "Line No"}, {@code email}), valid there as it is; its
         * plain {@code name} names its placeholder.
         */
        public static Column written(String written, String name) {
            return new Column(name, written);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Column && Objects.equals(name, ((Column) other).name)
                    && Objects.equals(written, ((Column) other).written);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, written);
        }
    }

    /** What is known of the value one column is compared with; made by the report from what was sent or printed. */
    public static final class Value {
        private final Object bound;
        private final String written;
        private final String printed;
        private final Hidden hidden;

        private Value(Object bound, String written, String printed, Hidden hidden) {
            this.bound = bound;
            this.written = written;
            this.printed = printed;
            this.hidden = hidden;
        }

        /** A value bound to a parameter, as the driver got it; null for SQL NULL. */
        public static Value bound(Object value) {
            return new Value(value, null, null, null);
        }

        /** A literal as the application wrote it in its SQL, quotes and prefix included ({@code NULL} for NULL). */
        public static Value written(String literal) {
            return new Value(null, literal, null, null);
        }

        /** A value as the database printed it in its message. */
        public static Value printed(String text) {
            return new Value(null, null, text, null);
        }

        /** A value the agent masks: a sensitive column's, or one holding a secret. */
        public static Value masked() {
            return new Value(null, null, null, Hidden.MASKED);
        }

        /** A value the agent did not keep, such as a stream. */
        public static Value notKept() {
            return new Value(null, null, null, Hidden.NOT_KEPT);
        }
    }

    /** A name as written: at most the 256 characters any database allows, and its quotes. */
    private static final int LONGEST_WRITTEN_NAME = 258;
    /** A qualifier names at most a catalog and a schema; a longer text is no name to repeat. */
    private static final int LONGEST_QUALIFIER = 2 * LONGEST_WRITTEN_NAME + 2;

    private final ConsoleSyntax syntax;
    private final int maxValueLength;

    /** @param maxValueLength {@code values.max.length}: a longer value is not written out in full anywhere */
    public LookupQuery(ConsoleSyntax syntax, int maxValueLength) {
        this.syntax = syntax;
        this.maxValueLength = maxValueLength;
    }

    /**
     * {@code SELECT * FROM <qualifier><table> WHERE <column> = <value> AND …}, or null when the table or a
     * column cannot be written.
     *
     * @param qualifier what to write before the table's name, as the application's SQL wrote it ({@code shop.}),
     *                  or empty
     * @param table     the table as the database names it
     * @param values    column → the value it is compared with, in order
     */
    public String select(String qualifier, String table, Map<Column, Value> values) {
        String name = syntax.name(table);
        if (name == null || values.isEmpty() || qualifier == null || qualifier.length() > LONGEST_QUALIFIER
                || altered(qualifier)) {
            return null;
        }
        StringBuilder query = new StringBuilder("SELECT * FROM ").append(qualifier).append(name).append(" WHERE ");
        Map<String, Hidden> placeholders = new LinkedHashMap<>();
        Set<String> placeholderNames = new HashSet<>();
        String and = "";
        for (Map.Entry<Column, Value> condition : values.entrySet()) {
            Column key = condition.getKey();
            String column = key.written == null ? syntax.name(key.name)
                    : altered(key.written) || key.written.length() > LONGEST_WRITTEN_NAME ? null : key.written;
            if (column == null || key.name == null) {
                return null;
            }
            query.append(and).append(column);
            and = " AND ";
            Value value = condition.getValue();
            Hidden hidden = value.hidden;
            String literal = null;
            if (hidden == null) {
                hidden = tooLong(value) ? Hidden.TOO_LONG : cutShort(value) ? Hidden.CUT : null;
            }
            if (hidden == null) {
                literal = literal(value);
                hidden = literal == null ? hiddenBecauseUnwritable(value) : null;
            }
            if (hidden != null) {
                String placeholder = placeholder(key.name, placeholderNames);
                placeholders.put(placeholder, hidden);
                query.append(" = ").append(placeholder);
            } else if (literal.equalsIgnoreCase("NULL")) {
                query.append(" IS NULL");
            } else {
                query.append(" = ").append(literal);
            }
        }
        if (!placeholders.isEmpty()) {
            query.append(" -- fill in ");
            String comma = "";
            for (Map.Entry<String, Hidden> placeholder : placeholders.entrySet()) {
                query.append(comma).append(placeholder.getKey()).append(" (").append(placeholder.getValue().reason)
                        .append(')');
                comma = ", ";
            }
        }
        return query.toString();
    }

    private String literal(Value value) {
        if (value.written != null) {
            return syntax.written(value.written);
        }
        if (value.printed != null) {
            return syntax.printed(value.printed);
        }
        return value.bound == null ? "NULL" : syntax.literal(value.bound);
    }

    /**
     * Whether the database may have cut the value it printed: MariaDB and MySQL end a long key value with "...".
     * A value that really ends so is taken for a cut one; that only asks the user to fill it in.
     */
    private static boolean cutShort(Value value) {
        if (value.printed == null) {
            return false;
        }
        String printed = value.printed.endsWith("'") ? value.printed.substring(0, value.printed.length() - 1)
                : value.printed;
        return printed.endsWith("...") || printed.endsWith("…");
    }

    /**
     * A value that is there but has no literal: it holds a control or invisible character this database cannot
     * spell, or its type has none here.
     */
    private Hidden hiddenBecauseUnwritable(Value value) {
        if (value.written == null && value.printed != null && !syntax.printedExactly(value.printed)) {
            return Hidden.INEXACT;
        }
        String text = value.written != null ? value.written : value.printed != null ? value.printed
                : value.bound instanceof String ? (String) value.bound : "";
        return altered(text) ? Hidden.CONTROL : Hidden.NO_LITERAL;
    }

    /** Whether the value is longer than any value the agent shows; its literal would have to be cut. */
    private boolean tooLong(Value value) {
        int length;
        if (value.written != null) {
            length = value.written.length() - 2; // its quotes
        } else if (value.printed != null) {
            length = value.printed.length();
        } else if (value.bound instanceof byte[]) {
            length = 2 * ((byte[]) value.bound).length; // hex digits
        } else {
            length = value.bound == null ? 0 : String.valueOf(value.bound).length();
        }
        return length > maxValueLength;
    }

    /** {@code :column}, made of the characters every console takes in a parameter name, and unique in the query. */
    private static String placeholder(String column, Set<String> taken) {
        StringBuilder name = new StringBuilder(":");
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
            name.append(plain ? c : '_');
        }
        String unique = name.toString();
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + "_" + n;
        }
        return unique;
    }

    private static boolean altered(String text) {
        return !Escaping.text(text).equals(text);
    }
}
