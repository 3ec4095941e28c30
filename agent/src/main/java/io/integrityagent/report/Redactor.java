package io.integrityagent.report;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Masks the values of sensitive columns (passwords, tokens, …) wherever the agent would write them: in the
 * values and parameters it shows, and inside the database's message and the SQL text it repeats.
 */
public final class Redactor {

    public static final String MASK = "****";

    /** Shorter secrets are masked only as whole words, so that masking "1" does not mangle "23505". */
    private static final int WHOLE_WORD_BELOW = 4;

    private final Pattern sensitiveColumns;

    public Redactor(Pattern sensitiveColumns) {
        this.sensitiveColumns = sensitiveColumns;
    }

    public boolean isSensitive(String column) {
        return column != null && sensitiveColumns.matcher(column).find();
    }

    /** Whether {@code sql} names any sensitive column at all. */
    public boolean mentionsSensitive(String sql) {
        if (sql == null) {
            return false;
        }
        for (String word : sql.split("[^\\p{L}\\p{N}_$]+")) {
            if (isSensitive(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every occurrence of every secret replaced by the mask. */
    public static String maskAll(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = maskOne(masked, secret);
            }
        }
        return masked;
    }

    private static String maskOne(String text, String secret) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int at;
        while ((at = text.indexOf(secret, from)) >= 0) {
            int end = at + secret.length();
            boolean wholeWord = !isWordChar(text, at - 1) && !isWordChar(text, end);
            out.append(text, from, at);
            out.append(secret.length() >= WHOLE_WORD_BELOW || wholeWord ? MASK : secret);
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isWordChar(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
    }
}
