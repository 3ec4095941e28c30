package io.integrityagent.dialect;

import java.util.Locale;
import java.util.regex.Pattern;

/** Table, column and constraint names as databases print them in their messages. */
final class Identifiers {

    private static final Pattern REGULAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#]*");
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
     * The name a database that folds unquoted identifiers to upper case (Oracle, Db2) stores for {@code identifier};
     * a quoted lower-case name is taken for an unquoted one.
     */
    static String upperCaseUnquoted(String identifier) {
        return identifier != null && REGULAR.matcher(identifier).matches()
                ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }
}
