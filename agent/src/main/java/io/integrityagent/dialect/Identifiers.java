package io.integrityagent.dialect;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reading the identifiers databases print in their messages: quoted or not, qualified or not. */
final class Identifiers {

    private static final Pattern NAME_PART = Pattern.compile("[\\p{L}_$#@][\\p{L}\\p{N}_$#@]*");

    private Identifiers() {
    }

    /** The last part of a qualified name: {@code shop.dbo.users} → {@code users}. */
    static String lastPart(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim();
        return trimmed.substring(trimmed.lastIndexOf('.') + 1);
    }

    /** {@code "My Table"} as {@code My Table}; a name without double quotes as it is. */
    static String unquoted(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
        }
        return trimmed;
    }

    /**
     * The last part of a qualified name whose parts are all double-quoted, such as {@code "APP"."PARENT"}; any
     * other name is taken as one part, since an unquoted name may itself contain a dot.
     */
    static String lastOfQuoted(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim();
        String last = null;
        int position = 0;
        while (position < trimmed.length() && trimmed.charAt(position) == '"') {
            int close = closingQuote(trimmed, position);
            if (close < 0) {
                return trimmed;
            }
            last = trimmed.substring(position, close + 1);
            position = close + 1;
            if (position < trimmed.length() && trimmed.charAt(position) == '.') {
                position++;
            } else {
                break;
            }
        }
        return last != null && position == trimmed.length() ? unquoted(last) : trimmed;
    }

    /** Whether {@code token} is a plain or qualified name, as opposed to an id list, a row id or a value. */
    static boolean isName(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        for (String part : token.split("\\.", -1)) {
            if (!NAME_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * How a database that folds unquoted identifiers to upper case (the SQL standard's rule: H2, HSQLDB, Derby,
     * Oracle, Db2) names an identifier the SQL wrote. The SQL parser has already removed any quotes, so a quoted
     * lower-case name is taken for an unquoted one.
     */
    static String foldedToUpperCase(String identifier) {
        return isRegular(identifier, "$#") ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }

    /**
     * Whether {@code identifier} is regular, as a database may write it unquoted: an ASCII letter or {@code _},
     * then ASCII letters, digits, {@code _} and the characters of {@code alsoAllowed}. Every violation asks, so
     * without a regular expression.
     */
    static boolean isRegular(String identifier, String alsoAllowed) {
        if (identifier == null || identifier.isEmpty() || !isLetterOrUnderscore(identifier.charAt(0))) {
            return false;
        }
        for (int i = 1; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!isLetterOrUnderscore(c) && (c < '0' || c > '9') && alsoAllowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrUnderscore(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static int closingQuote(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    i++; // a doubled quote stands for one inside the name
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The name a SQL {@code U&"…"} identifier's text spells with the default escape: {@code \00dc} and
     * {@code \+01f600} for code points, {@code \\} for a backslash; {@code unreadable} when it is not well formed.
     */
    static String unicodeEscaped(String text, String unreadable) {
        StringBuilder name = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                name.append(c);
            } else if (text.startsWith("\\", i + 1)) {
                name.append('\\');
                i++;
            } else {
                boolean wide = text.startsWith("+", i + 1);
                int digits = wide ? 6 : 4;
                int from = i + (wide ? 2 : 1);
                if (from + digits > text.length()) {
                    return unreadable;
                }
                try {
                    int codePoint = Integer.parseInt(text.substring(from, from + digits), 16);
                    if (!Character.isValidCodePoint(codePoint)) {
                        return unreadable;
                    }
                    name.appendCodePoint(codePoint);
                } catch (NumberFormatException notHex) {
                    return unreadable;
                }
                i = from + digits - 1;
            }
        }
        return name.toString();
    }
}
