package io.integrityagent.report;

import io.integrityagent.util.LruCache;
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

    /**
     * A start of a secret this long is masked even where no "..." marks the cut; another value sharing so long a
     * start is rare, and masking it too only hides more than needed.
     */
    private static final int CUT_WITHOUT_MARK_FROM = 16;

    private final Pattern sensitiveColumns;
    private final LruCache<String, Boolean> mentionsSensitive = new LruCache<>(256, 1L << 20,
            (sql, answer) -> LruCache.bytesOf(sql) + 16);
    private final LruCache<String, Boolean> sensitiveNames = new LruCache<>(1024, 256L << 10,
            (name, answer) -> LruCache.bytesOf(name) + 16);

    public Redactor(Pattern sensitiveColumns) {
        this.sensitiveColumns = sensitiveColumns;
    }

    /** Remembered per name: wording one report asks about each column several times, a storm about the same few. */
    public boolean isSensitive(String column) {
        return column != null && sensitiveNames.get(column, name -> sensitiveColumns.matcher(name).find());
    }

    /** Whether {@code sql} names any sensitive column at all; remembered per SQL text. */
    public boolean mentionsSensitive(String sql) {
        return sql != null && mentionsSensitive.get(sql, this::namesSensitiveWord);
    }

    /** A word longer than any database allows an identifier to be is no column name: a long literal's content. */
    private static final int LONGEST_IDENTIFIER = 256;

    private boolean namesSensitiveWord(String sql) {
        int start = -1;
        for (int i = 0; i <= sql.length(); i++) {
            boolean wordChar = i < sql.length() && isIdentifierChar(sql.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                if (i - start <= LONGEST_IDENTIFIER && isSensitive(sql.substring(start, i))) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** {@code text} with every occurrence of every secret replaced by the mask. */
    public static String maskAll(String text, Collection<String> secrets) {
        return mask(text, secrets, false);
    }

    /**
     * {@code text} written by the database, with every secret masked as by {@link #maskAll}, and also every start
     * of a secret that stands on its own: not inside a longer word. A database echoes a key over a column prefix
     * ({@code UNIQUE KEY (email, api_token(6))}: MariaDB prints {@code 'b4@x-ZQXb4t'}) or cuts a long value
     * without a mark, so a start of any length may be all of the secret that is printed. A word of the message
     * that happens to start a secret is masked too: privacy wins over the message's wording.
     */
    public static String maskEchoes(String text, Collection<String> secrets) {
        return mask(text, secrets, true);
    }

    private static String mask(String text, Collection<String> secrets, boolean echo) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = maskOne(masked, secret, echo);
            }
        }
        return masked;
    }

    /**
     * Masks each whole occurrence of {@code secret}, and each start of it that a database printed in place of a
     * value too long for its message: MariaDB cuts a duplicate key to 64 bytes ending in "...", MySQL cuts one
     * to 192 characters without a mark. With {@code echo}, a start of any length that stands on its own too.
     * A start that is not masked is shorter than {@link #CUT_WITHOUT_MARK_FROM}, so the scan stays linear.
     */
    private static String maskOne(String text, String secret, boolean echo) {
        StringBuilder out = new StringBuilder(text.length());
        String start = secret.substring(0, echo ? 1 : Math.min(secret.length(), WHOLE_WORD_BELOW));
        int from = 0;
        int at = text.indexOf(start);
        while (at >= 0) {
            int matched = commonPrefixLength(text, at, secret);
            int end = at + matched;
            // A mask next to it is part of the same value, already masked: "7-" of "7-****" is no secret's start.
            boolean standsAlone = !isWordChar(text, at - 1) && !isWordChar(text, end) && !text.startsWith(MASK, end);
            boolean mask;
            if (matched == secret.length()) {
                mask = secret.length() >= WHOLE_WORD_BELOW || standsAlone;
            } else {
                mask = matched >= CUT_WITHOUT_MARK_FROM || matched >= WHOLE_WORD_BELOW && followedByCutMark(text, end)
                        || echo && standsAlone;
            }
            if (mask) {
                out.append(text, from, at).append(MASK);
                from = end;
            }
            at = text.indexOf(start, mask ? end : at + 1);
        }
        return out.append(text, from, text.length()).toString();
    }

    private static int commonPrefixLength(String text, int at, String secret) {
        int length = 0;
        while (length < secret.length() && at + length < text.length()
                && text.charAt(at + length) == secret.charAt(length)) {
            length++;
        }
        return length;
    }

    private static boolean followedByCutMark(String text, int index) {
        return text.startsWith("...", index) || text.startsWith("…", index);
    }

    private static boolean isWordChar(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
    }
}
