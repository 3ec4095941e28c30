package io.integrityagent.dialect;

/** What the hand-written readers of databases' messages share: runs of characters, and line ends. */
final class MessageScan {

    private MessageScan() {
    }

    /** Where the run of characters from {@code from} that are neither {@code stop} nor {@code alsoStop} ends. */
    static int endOfRun(String text, int from, char stop, char alsoStop) {
        int end = from;
        while (end < text.length() && text.charAt(end) != stop && text.charAt(end) != alsoStop) {
            end++;
        }
        return end;
    }

    /**
     * Like {@link #endOfRun}, but a name H2 quoted reads as one piece, whatever it holds: inside the quoted text of
     * its messages H2 doubles every quote, so the name {@code "a b"} appears as {@code ""a b""} and {@code "a""b"}
     * as {@code ""a""""b""}. A doubled quote that no doubled quote closes is read as two characters.
     */
    static int endOfName(String text, int from, char stop, char alsoStop) {
        int end = from;
        while (end < text.length()) {
            int quoted = text.startsWith("\"\"", end) ? endOfQuotedName(text, end + 2) : -1;
            if (quoted >= 0) {
                end = quoted;
            } else if (text.charAt(end) == stop || text.charAt(end) == alsoStop) {
                return end;
            } else {
                end++;
            }
        }
        return end;
    }

    /** Where the doubled quote that closes a quoted name begun before {@code from} ends; -1 if none does. */
    private static int endOfQuotedName(String text, int from) {
        int end = from;
        while (end < text.length()) {
            if (text.startsWith("\"\"\"\"", end)) {
                end += 4;
            } else if (text.startsWith("\"\"", end)) {
                return end + 2;
            } else {
                end++;
            }
        }
        return -1;
    }

    /**
     * Where the text from {@code from} ends that holds no quote but doubled ones ({@code a""b}): at its first quote
     * that is not one of a pair, or at the end, or at {@code limit}.
     */
    static int endOfDoubledQuotes(String text, int from, int limit) {
        int end = from;
        int stop = Math.min(text.length(), limit);
        while (end < stop) {
            if (text.charAt(end) != '"') {
                end++;
            } else if (text.startsWith("\"\"", end)) {
                end += 2;
            } else {
                return end;
            }
        }
        return end;
    }

    /** The characters a regular expression's {@code .} does not match. */
    static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
