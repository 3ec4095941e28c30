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

    /** The characters a regular expression's {@code .} does not match. */
    static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
