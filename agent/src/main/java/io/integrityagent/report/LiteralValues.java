package io.integrityagent.report;

/**
 * What a SQL literal stands for, as a database stores and repeats it: the value the masking rules must find again in
 * the database's message, which the literal's own text may not contain.
 */
final class LiteralValues {

    private static final String NAMED_ESCAPES = "0bnrtZ";
    private static final String NAMED_ESCAPED = "\0\b\n\r\t\032";

    /**
     * {@code content} with the backslash escapes of MySQL ({@code \n}, {@code \t}, {@code \0}, {@code \Z}; any
     * other {@code \c} is {@code c}) and of PostgreSQL's {@code E''} ({@code \xHH}, {@code \\uXXXX}) undone.
     * Where the two differ ({@code \x41}), PostgreSQL's reading is taken; the raw content is a secret as well.
     */
    static String backslashEscapesUndone(String content) {
        StringBuilder out = new StringBuilder(content.length());
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c != '\\' || i + 1 == content.length()) {
                out.append(c);
                continue;
            }
            char escaped = content.charAt(++i);
            int hexDigits = escaped == 'x' ? 2 : escaped == 'u' ? 4 : 0;
            if (hexDigits > 0 && i + hexDigits < content.length()
                    && content.substring(i + 1, i + 1 + hexDigits).chars().allMatch(d -> Character.digit(d, 16) >= 0)) {
                out.append((char) Integer.parseInt(content.substring(i + 1, i + 1 + hexDigits), 16));
                i += hexDigits;
                continue;
            }
            int named = NAMED_ESCAPES.indexOf(escaped);
            out.append(named >= 0 ? NAMED_ESCAPED.charAt(named) : escaped);
        }
        return out.toString();
    }

    /**
     * The value a literal stands for, as a database would repeat it: without its quotes, any prefix ({@code E},
     * {@code N}, {@code _utf8mb4}) or dollar-quote tags, doubled quotes undone. Other text is returned as is.
     */
    static String content(String literal) {
        if (literal == null) {
            return null;
        }
        if (literal.startsWith("$")) {
            int tagEnd = literal.indexOf('$', 1);
            String tag = tagEnd < 0 ? null : literal.substring(0, tagEnd + 1);
            if (tag != null && literal.length() >= 2 * tag.length() && literal.endsWith(tag)) {
                return literal.substring(tag.length(), literal.length() - tag.length());
            }
            return literal;
        }
        if (literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\"")) {
            return literal.substring(1, literal.length() - 1).replace("\"\"", "\""); // MySQL's or SQLite's "…"
        }
        int open = literal.indexOf('\'');
        if (open < 0 || literal.length() < open + 2 || !literal.endsWith("'")) {
            return literal;
        }
        for (int i = 0; i < open; i++) {
            char c = literal.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '&') {
                return literal;
            }
        }
        return literal.substring(open + 1, literal.length() - 1).replace("''", "'");
    }

    private LiteralValues() {
    }
}
