package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.util.Escaping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How one database's own console reads names and values: the syntax of the lookup queries the agent prints for
 * the user to paste there. A name is quoted exactly when its bare form would not reach the object (the database
 * folds bare names, or the name is not a plain word, or it is a reserved word); a value becomes the literal that
 * compares equal to what the driver stored. Everything written survives the agent's output escaping unchanged
 * ({@link Escaping}): a control or invisible character in a string is spelled with the database's character
 * function, and where the database has none, or a value has no literal here, the answer is null rather than a
 * wrong query.
 */
public final class ConsoleSyntax {

    /** How bare (unquoted) names are read. */
    private enum Folding {
        /** To upper case, as the SQL standard says: H2, HSQLDB, Derby, Oracle, Db2. */
        UPPER("[A-Z][A-Z0-9_]*"),
        /** To lower case: PostgreSQL. */
        LOWER("[a-z_][a-z0-9_]*"),
        /** Not at all, and compared without regard to case: MySQL and MariaDB columns, SQLite, SQL Server. */
        NONE("[A-Za-z_][A-Za-z0-9_]*");

        final Pattern bare;

        Folding(String bare) {
            this.bare = Pattern.compile(bare);
        }
    }

    /** How dates and times are written. */
    private enum Times {
        /** {@code DATE '2024-05-01'}, {@code TIMESTAMP '2024-05-01 10:00:00'}, with time zone where it exists. */
        TYPED_LITERALS,
        /** {@code DATE('2024-05-01')}, {@code TIMESTAMP('2024-05-01 10:00:00')}: Derby, Db2. */
        FUNCTIONS,
        /** {@code CAST('2024-05-01T10:00:00' AS datetime2)}: SQL Server. */
        CASTS,
        /** The milliseconds since 1970 that the xerial driver stores for a {@code java.sql} date or time. */
        EPOCH_MILLIS
    }

    /**
     * Words that may not stand bare as a name on some database (the reserved words of PostgreSQL, MySQL and MariaDB,
     * H2, HSQLDB, Derby and SQLite, and their function-like keywords); quoting one that may is harmless.
     */
    private static final Set<String> RESERVED = Set.of(
            "ABSOLUTE", "ACCESSIBLE", "ACTION", "ADD", "ALL", "ALLOCATE", "ALTER", "ANALYSE", "ANALYZE", "AND", "ANY",
            "ARE", "ARRAY", "AS", "ASC", "ASENSITIVE", "ASSERTION", "ASYMMETRIC", "AT", "AUTHORIZATION",
            "AUTOINCREMENT", "AVG", "BEFORE", "BEGIN", "BETWEEN", "BIGINT", "BINARY", "BIT", "BLOB", "BOOLEAN",
            "BOTH", "BY", "CALL", "CASCADE", "CASCADED", "CASE", "CAST", "CHANGE", "CHAR", "CHARACTER",
            "CHARACTER_LENGTH", "CHAR_LENGTH", "CHECK", "CLOSE", "COALESCE", "COLLATE", "COLLATION", "COLUMN",
            "COMMIT", "CONCURRENTLY", "CONDITION", "CONNECT", "CONNECTION", "CONSTRAINT", "CONTINUE", "CONVERT",
            "CORRESPONDING", "COUNT", "CREATE", "CROSS", "CUBE", "CUME_DIST", "CURRENT", "CURRENT_CATALOG",
            "CURRENT_DATE", "CURRENT_PATH", "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "CURRENT_USER", "CURSOR", "DATABASE", "DATABASES", "DATE", "DAY", "DAY_HOUR", "DAY_MICROSECOND",
            "DAY_MINUTE", "DAY_SECOND", "DEALLOCATE", "DEC", "DECIMAL", "DECLARE", "DEFAULT", "DEFERRABLE",
            "DEFERRED", "DELAYED", "DELETE", "DENSE_RANK", "DESC", "DESCRIBE", "DETERMINISTIC", "DIAGNOSTICS",
            "DISCONNECT", "DISTINCT", "DISTINCTROW", "DIV", "DO", "DOUBLE", "DROP", "DUAL", "EACH", "ELSE", "ELSEIF",
            "EMPTY", "ENCLOSED", "END", "ESCAPE", "ESCAPED", "EXCEPT", "EXCEPTION", "EXEC", "EXECUTE", "EXISTS",
            "EXIT", "EXPLAIN", "EXTERNAL", "FALSE", "FETCH", "FIRST", "FIRST_VALUE", "FLOAT", "FLOAT4", "FLOAT8",
            "FOR", "FORCE", "FOREIGN", "FOUND", "FREEZE", "FROM", "FULL", "FULLTEXT", "FUNCTION", "GENERATED", "GET",
            "GLOBAL", "GO", "GOTO", "GRANT", "GROUP", "GROUPS", "HAVING", "HIGH_PRIORITY", "HOUR", "HOUR_MICROSECOND",
            "HOUR_MINUTE", "HOUR_SECOND", "IDENTITY", "IF", "IGNORE", "ILIKE", "IMMEDIATE", "IN", "INDEX",
            "INDICATOR", "INFILE", "INITIALLY", "INNER", "INOUT", "INPUT", "INSENSITIVE", "INSERT", "INT", "INT1",
            "INT2", "INT3", "INT4", "INT8", "INTEGER", "INTERSECT", "INTERVAL", "INTO", "IO_AFTER_GTIDS",
            "IO_BEFORE_GTIDS", "IS", "ISNULL", "ISOLATION", "ITERATE", "JOIN", "JSON_TABLE", "KEY", "KEYS", "KILL",
            "LAG", "LANGUAGE", "LAST", "LAST_VALUE", "LATERAL", "LEAD", "LEADING", "LEAVE", "LEFT", "LEVEL", "LIKE",
            "LIMIT", "LINEAR", "LINES", "LOAD", "LOCAL", "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG", "LONGBLOB",
            "LONGTEXT", "LOOP", "LOWER", "LOW_PRIORITY", "LTRIM", "MASTER_BIND", "MASTER_SSL_VERIFY_SERVER_CERT",
            "MATCH", "MAX", "MEDIUMBLOB", "MEDIUMINT", "MEDIUMTEXT", "MIDDLEINT", "MIN", "MINUS", "MINUTE",
            "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "MODULE", "MONTH", "NATIONAL", "NATURAL",
            "NCHAR", "NEXT", "NO", "NONE", "NOT", "NOTHING", "NOTNULL", "NO_WRITE_TO_BINLOG", "NTH_VALUE", "NTILE",
            "NULL", "NULLIF", "NUMBER", "NUMERIC", "NVARCHAR", "OF", "OFFSET", "ON", "ONLY", "OPEN", "OPTIMIZE",
            "OPTIMIZER_COSTS", "OPTION", "OPTIONALLY", "OR", "ORDER", "OUT", "OUTER", "OUTFILE", "OUTPUT", "OVER",
            "OVERLAPS", "PAD", "PARTIAL", "PARTITION", "PERCENT_RANK", "PLACING", "PLAN", "PRECISION", "PREPARE",
            "PRESERVE", "PRIMARY", "PRIOR", "PRIVILEGES", "PROCEDURE", "PUBLIC", "PURGE", "QUALIFY", "RAISE", "RANGE",
            "RANK", "READ", "READS", "READ_WRITE", "REAL", "RECURSIVE", "REFERENCES", "REGEXP", "RELATIVE", "RELEASE",
            "RENAME", "REPEAT", "REPLACE", "REQUIRE", "RESIGNAL", "RESTRICT", "RETURN", "RETURNING", "REVOKE",
            "RIGHT", "RLIKE", "ROLLBACK", "ROLLUP", "ROW", "ROWNUM", "ROWS", "ROW_NUMBER", "RTRIM", "SCHEMA",
            "SCHEMAS", "SCROLL", "SECOND", "SECOND_MICROSECOND", "SECTION", "SELECT", "SENSITIVE", "SEPARATOR",
            "SESSION", "SESSION_USER", "SET", "SHOW", "SIGNAL", "SIMILAR", "SIZE", "SMALLINT", "SOME", "SPATIAL",
            "SPECIFIC", "SQL", "SQLCODE", "SQLERROR", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT",
            "SQL_CALC_FOUND_ROWS", "SQL_SMALL_RESULT", "SSL", "STARTING", "STORED", "STRAIGHT_JOIN", "SUBSTR",
            "SUBSTRING", "SUM", "SYMMETRIC", "SYSDATE", "SYSTEM_USER", "TABLE", "TABLESAMPLE", "TEMPORARY",
            "TERMINATED", "THEN", "TIME", "TIMESTAMP", "TINYBLOB", "TINYINT", "TINYTEXT", "TO", "TOP", "TRAILING",
            "TRANSACTION", "TRANSLATE", "TRANSLATION", "TRIGGER", "TRIM", "TRUE", "UESCAPE", "UNDO", "UNION",
            "UNIQUE", "UNKNOWN", "UNLOCK", "UNSIGNED", "UPDATE", "UPPER", "USAGE", "USE", "USER", "USING", "UTC_DATE",
            "UTC_TIME", "UTC_TIMESTAMP", "VALUE", "VALUES", "VARBINARY", "VARCHAR", "VARCHARACTER", "VARIADIC",
            "VARYING", "VERBOSE", "VIEW", "VIRTUAL", "WHEN", "WHENEVER", "WHERE", "WHILE", "WINDOW", "WITH", "WORK",
            "WRITE", "XML", "XOR", "YEAR", "YEAR_MONTH", "ZEROFILL");
    /** Longer than any database allows a name to be: not a name to write into a query. */
    static final int LONGEST_NAME = 256;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern HEX_LITERAL = Pattern.compile("[Xx]'([0-9A-Fa-f]{2})*'");
    private static final Pattern TYPED_LITERAL = Pattern.compile(
            "(DATE|TIME|TIMESTAMP)( WITH(OUT)? TIME ZONE)? '[0-9:. +\\-]*'");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private static final Map<DatabaseSystem, ConsoleSyntax> BY_SYSTEM = bySystem();

    private final Folding folding;
    private final String openQuote;
    private final String closeQuote;
    private final String trueLiteral;
    private final String falseLiteral;
    private final Times times;
    private final boolean backslashEscapes;
    private final boolean printsLiterals;
    private final boolean quotedTextComparesWithAnyType;
    private final boolean hasTimeZoneLiterals;
    private final DatabaseSystem system;

    private ConsoleSyntax(Builder b) {
        this.system = b.system;
        this.folding = b.folding;
        this.openQuote = b.openQuote;
        this.closeQuote = b.closeQuote;
        this.trueLiteral = b.numericBooleans ? "1" : "TRUE";
        this.falseLiteral = b.numericBooleans ? "0" : "FALSE";
        this.times = b.times;
        this.backslashEscapes = b.backslashEscapes;
        this.printsLiterals = b.printsLiterals;
        this.quotedTextComparesWithAnyType = b.quotedTextComparesWithAnyType;
        this.hasTimeZoneLiterals = b.hasTimeZoneLiterals;
    }

    /** The console syntax of {@code system}; for a database the agent does not know, standard SQL. */
    public static ConsoleSyntax of(DatabaseSystem system) {
        return BY_SYSTEM.get(system);
    }

    private static Map<DatabaseSystem, ConsoleSyntax> bySystem() {
        Map<DatabaseSystem, ConsoleSyntax> bySystem = new EnumMap<>(DatabaseSystem.class);
        for (DatabaseSystem system : DatabaseSystem.values()) {
            bySystem.put(system, build(system));
        }
        return bySystem;
    }

    private static ConsoleSyntax build(DatabaseSystem system) {
        switch (system) {
            case H2:
                return new Builder(Folding.UPPER).system(system).printsLiterals().timeZones().build();
            case HSQLDB:
                return new Builder(Folding.UPPER).system(system).timeZones().build();
            case DERBY:
                return new Builder(Folding.UPPER).system(system).times(Times.FUNCTIONS).build();
            case ORACLE:
                return new Builder(Folding.UPPER).system(system).numericBooleans().timeZones().build();
            case DB2:
                return new Builder(Folding.UPPER).system(system).times(Times.FUNCTIONS).build();
            case POSTGRESQL:
                return new Builder(Folding.LOWER).system(system).quotedTextComparesWithAnyType().timeZones().build();
            case MYSQL:
            case MARIADB:
                return new Builder(Folding.NONE).system(system).quotes("`", "`").backslashEscapes()
                        .quotedTextComparesWithAnyType().build();
            case SQLITE:
                return new Builder(Folding.NONE).system(system).numericBooleans().times(Times.EPOCH_MILLIS).build();
            case SQL_SERVER:
                return new Builder(Folding.NONE).system(system).quotes("[", "]").numericBooleans()
                        .times(Times.CASTS).quotedTextComparesWithAnyType().timeZones().build();
            default:
                return new Builder(Folding.UPPER).build();
        }
    }

    /**
     * {@code identifier} (as the database stores it) written so that the console reaches exactly it: bare when
     * the database reads the bare word as this name, otherwise quoted. Null when no text can carry it through
     * the output escaping (a control or invisible character in the name), or when it is longer than any database
     * allows.
     */
    public String name(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.length() > LONGEST_NAME || altered(identifier)) {
            return null;
        }
        boolean bare = folding.bare.matcher(identifier).matches()
                && !RESERVED.contains(identifier.toUpperCase(Locale.ROOT));
        if (bare) {
            return identifier;
        }
        return openQuote + identifier.replace(closeQuote, closeQuote + closeQuote) + closeQuote;
    }

    /**
     * The literal that compares equal to {@code value} as bound through JDBC ({@code setString}, {@code setInt},
     * {@code setBytes}, {@code setTimestamp}, {@code setObject} with a {@code java.time} value or a UUID, …), or
     * null when this database has no literal for it that the agent can write; never null for a string that
     * holds no control or invisible character.
     */
    public String literal(Object value) {
        if (value instanceof String || value instanceof Character || value instanceof UUID) {
            return string(value.toString());
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? trueLiteral : falseLiteral;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? value.toString() : null;
        }
        if (value instanceof byte[]) {
            return binary((byte[]) value);
        }
        return time(value);
    }

    /**
     * A string literal holding exactly {@code text}; null when it holds a control or invisible character this
     * database cannot spell.
     */
    public String string(String text) {
        if (!altered(text)) {
            return quoted(text);
        }
        List<String> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int codePoint = text.codePointAt(i);
            if (!Escaping.mustEscapeAt(text, i)) {
                plain.appendCodePoint(codePoint);
                continue;
            }
            if (plain.length() > 0) {
                parts.add(quoted(plain.toString()));
                plain.setLength(0);
            }
            String spelled = character(codePoint);
            if (spelled == null) {
                return null;
            }
            parts.add(spelled);
        }
        if (plain.length() > 0) {
            parts.add(quoted(plain.toString()));
        }
        return concatenation(parts);
    }

    /**
     * The literal for a value as the database printed it in its message ({@code 'ada@example.com'} from H2 or as
     * the agent quoted MySQL's key, {@code 42} or {@code ada@example.com} as PostgreSQL prints a key), or null
     * when it cannot be told what the value is.
     */
    public String printed(String text) {
        if (text == null || !printedExactly(text)) {
            return null;
        }
        String trimmed = text.trim();
        boolean quoted = quotesPrintedValues() && trimmed.length() >= 2 && trimmed.startsWith("'")
                && trimmed.endsWith("'");
        if (quoted) {
            return string(trimmed.substring(1, trimmed.length() - 1).replace("''", "'"));
        }
        if (printsLiterals) {
            // H2 prints each value as its own SQL literal.
            if (NUMBER.matcher(trimmed).matches() || HEX_LITERAL.matcher(trimmed).matches()
                    || TYPED_LITERAL.matcher(trimmed).matches()) {
                return trimmed;
            }
            if (trimmed.equalsIgnoreCase("NULL")) {
                return "NULL";
            }
            if (trimmed.equalsIgnoreCase("TRUE") || trimmed.equalsIgnoreCase("FALSE")) {
                return trimmed.equalsIgnoreCase("TRUE") ? trueLiteral : falseLiteral;
            }
            return null;
        }
        // The others print the value's text: quoted, it compares with every type where the database converts it.
        if (!quotedTextComparesWithAnyType && NUMBER.matcher(trimmed).matches()) {
            return trimmed;
        }
        return string(text);
    }

    /**
     * Whether a value the database printed in its message is the value itself. MySQL and MariaDB print what they
     * cannot show as {@code ?} and a control character as a backslash and its code, and H2 prints some control
     * characters ({@code 'del\007f'}) without the {@code U&} that would make them escapes: such a {@code ?} or
     * backslash may stand for another character, so the value cannot be told.
     */
    public boolean printedExactly(String text) {
        switch (system) {
            case MYSQL:
            case MARIADB:
                return text.indexOf('?') < 0 && text.indexOf('\\') < 0;
            case H2:
                return !text.trim().startsWith("'") || text.indexOf('\\') < 0;
            default:
                return true;
        }
    }

    /**
     * Whether a printed value comes in quotes: H2 prints a string as its literal, and the agent quotes MySQL's and
     * MariaDB's as their message does; PostgreSQL, SQL Server and Derby print the text as it is, so quotes there
     * belong to the value.
     */
    public boolean quotesPrintedValues() {
        return printsLiterals || system == DatabaseSystem.MYSQL || system == DatabaseSystem.MARIADB;
    }

    /**
     * {@code literal} as the application wrote it in its SQL (one literal, quotes and prefix included): valid
     * here as it is, unless it holds a control or invisible character; null when it then cannot be spelled.
     */
    public String written(String literal) {
        if (literal == null || !altered(literal)) {
            return literal;
        }
        boolean plainString = literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")
                && (!backslashEscapes || literal.indexOf('\\') < 0);
        return plainString ? string(literal.substring(1, literal.length() - 1).replace("''", "'")) : null;
    }

    private String quoted(String text) {
        String escaped = text.replace("'", "''");
        return "'" + (backslashEscapes ? escaped.replace("\\", "\\\\") : escaped) + "'";
    }

    /**
     * A character that the output escaping would change, spelt by its code with the database's character function,
     * or null where it has none. A character beyond 16 bits (a tag character) is spelt by its code point where the
     * function takes one; H2 and HSQLDB keep only the low 16 bits of theirs, so there it is the concatenation of its
     * two surrogates, which their strings hold as Java's do. A surrogate without its pair is no character at all: no
     * database stores one.
     */
    private String character(int codePoint) {
        if (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint)) {
            return null;
        }
        boolean supplementary = Character.isSupplementaryCodePoint(codePoint);
        switch (system) {
            case POSTGRESQL:
                return "chr(" + codePoint + ")";
            case MYSQL:
            case MARIADB:
                return "CHAR(0x" + hex(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8))
                        + " USING utf8mb4)";
            case SQLITE:
                return "char(" + codePoint + ")";
            case SQL_SERVER:
                // Beyond 16 bits only with a supplementary-character collation, which the agent cannot tell.
                return supplementary ? null : "NCHAR(" + codePoint + ")";
            case ORACLE:
            case DB2:
                return codePoint < 0x80 ? "CHR(" + codePoint + ")" : null;
            case H2:
            case HSQLDB:
                return supplementary
                        ? "CHAR(" + (int) Character.highSurrogate(codePoint) + ") || CHAR("
                                + (int) Character.lowSurrogate(codePoint) + ")"
                        : "CHAR(" + codePoint + ")";
            default:
                return null; // Derby has no function that makes a character of its code; another database is not known
        }
    }

    private String concatenation(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        boolean function = system == DatabaseSystem.MYSQL || system == DatabaseSystem.MARIADB
                || system == DatabaseSystem.SQL_SERVER;
        return function ? "CONCAT(" + String.join(", ", parts) + ")" : String.join(" || ", parts);
    }

    private String binary(byte[] bytes) {
        String hex = hex(bytes);
        switch (system) {
            case POSTGRESQL:
                return "decode('" + hex + "', 'hex')";
            case SQL_SERVER:
                return "0x" + hex;
            case ORACLE:
                return "HEXTORAW('" + hex + "')";
            case DB2:
                return "BX'" + hex + "'";
            default:
                return "X'" + hex + "'";
        }
    }

    /** A date or time value, bound as {@code java.sql} or {@code java.time}; null for any other object. */
    private String time(Object value) {
        if (times == Times.EPOCH_MILLIS) {
            if (value instanceof java.util.Date) {
                return String.valueOf(((java.util.Date) value).getTime());
            }
            boolean javaTime = value instanceof LocalDate || value instanceof LocalTime
                    || value instanceof LocalDateTime || value instanceof OffsetDateTime;
            return javaTime ? string(value.toString()) : null; // the xerial driver stores their text
        }
        if (value instanceof java.sql.Date) {
            return typed("DATE", "date", value.toString());
        }
        if (value instanceof java.sql.Time) {
            return typed("TIME", "time", value.toString());
        }
        if (value instanceof java.sql.Timestamp) {
            return typed("TIMESTAMP", "datetime2", value.toString());
        }
        if (value instanceof LocalDate) {
            return typed("DATE", "date", value.toString());
        }
        if (value instanceof LocalTime) {
            return typed("TIME", "time", DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) value));
        }
        if (value instanceof LocalDateTime) {
            return typed("TIMESTAMP", "datetime2", dateAndTime((LocalDateTime) value));
        }
        OffsetDateTime zoned = value instanceof OffsetDateTime ? (OffsetDateTime) value
                : value instanceof ZonedDateTime ? ((ZonedDateTime) value).toOffsetDateTime() : null;
        if (zoned != null && hasTimeZoneLiterals) {
            String text = dateAndTime(zoned.toLocalDateTime()) + OFFSET.format(zoned);
            return times == Times.CASTS ? "CAST('" + text + "' AS datetimeoffset)"
                    : "TIMESTAMP WITH TIME ZONE '" + text + "'";
        }
        return null;
    }

    private static String dateAndTime(LocalDateTime value) {
        return value.toLocalDate() + " " + DateTimeFormatter.ISO_LOCAL_TIME.format(value.toLocalTime());
    }

    private String typed(String keyword, String sqlServerType, String text) {
        if (system == DatabaseSystem.ORACLE && keyword.equals("TIME")) {
            return null; // Oracle has no TIME type
        }
        switch (times) {
            case FUNCTIONS:
                return keyword + "('" + text + "')";
            case CASTS:
                return "CAST('" + text + "' AS " + sqlServerType + ")";
            default:
                return keyword + " '" + text + "'";
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** Whether the agent's output escaping would change {@code text}, so that it could not be pasted as written. */
    private static boolean altered(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Escaping.mustEscapeAt(text, i)) {
                return true;
            }
        }
        return false;
    }

    private static final class Builder {
        private final Folding folding;
        private DatabaseSystem system = DatabaseSystem.OTHER;
        private String openQuote = "\"";
        private String closeQuote = "\"";
        private boolean numericBooleans;
        private Times times = Times.TYPED_LITERALS;
        private boolean backslashEscapes;
        private boolean printsLiterals;
        private boolean quotedTextComparesWithAnyType;
        private boolean hasTimeZoneLiterals;

        Builder(Folding folding) {
            this.folding = folding;
        }

        Builder system(DatabaseSystem value) { system = value; return this; }
        Builder quotes(String open, String close) { openQuote = open; closeQuote = close; return this; }
        Builder numericBooleans() { numericBooleans = true; return this; }
        Builder times(Times value) { times = value; return this; }
        Builder backslashEscapes() { backslashEscapes = true; return this; }
        Builder printsLiterals() { printsLiterals = true; return this; }
        Builder quotedTextComparesWithAnyType() { quotedTextComparesWithAnyType = true; return this; }
        Builder timeZones() { hasTimeZoneLiterals = true; return this; }

        ConsoleSyntax build() {
            return new ConsoleSyntax(this);
        }
    }
}
