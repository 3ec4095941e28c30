package io.integrityagent.util;

/**
 * The one rule for every piece of text the agent writes (log lines in every format, summaries, stderr lines,
 * events): a character that could start a line or change how a line reads on screen is never written raw.
 * That is every control character (C0, DEL, C1 — which includes NEL), the Unicode line and paragraph
 * separators, and every invisible format character (Unicode's category Cf): among them the bidirectional
 * embeddings, overrides, isolates and marks that reorder text, and the zero-width space, word joiner, soft hyphen
 * and byte order mark that let two different names look alike. The joiners U+200C and U+200D stay: emoji and
 * several scripts need them. Beyond the 16-bit range, the same holds for format characters (the tag characters
 * U+E0000–U+E007F, which can spell hidden text), escaped as their two surrogates, and for a surrogate without
 * its pair, which no encoding could write. Whatever a database names or an application sends therefore stays
 * inside the line the agent gave it.
 */
public final class Escaping {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char ZERO_WIDTH_NON_JOINER = '\u200c';
    private static final char ZERO_WIDTH_JOINER = '\u200d';

    private Escaping() {
    }

    /**
     * Whether {@code c} must be escaped wherever the agent writes it, as a character of its own; for text, where
     * a surrogate is judged with its pair, see {@link #mustEscapeAt}.
     */
    public static boolean mustEscape(char c) {
        if (c < 0xa0) {
            return c < 0x20 || c >= 0x7f;
        }
        return c == '\u2028' || c == '\u2029'
                || (Character.getType(c) == Character.FORMAT && c != ZERO_WIDTH_NON_JOINER && c != ZERO_WIDTH_JOINER);
    }

    /** Whether the character at {@code i} must be escaped: a surrogate as the code point it forms with its pair. */
    public static boolean mustEscapeAt(CharSequence text, int i) {
        char c = text.charAt(i);
        if (!Character.isSurrogate(c)) {
            return mustEscape(c);
        }
        int codePoint;
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            codePoint = Character.toCodePoint(c, text.charAt(i + 1));
        } else if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
            codePoint = Character.toCodePoint(text.charAt(i - 1), c);
        } else {
            return true;
        }
        return Character.getType(codePoint) == Character.FORMAT;
    }

    /**
     * The text for a plain-text line: each character that {@link #mustEscape must be escaped} in Java
     * notation ({@code \n}, {@code \r}, {@code \t}, otherwise {@code \}{@code u202e}); everything else as it is.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !mustEscapeAt(text, first)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n': escaped.append("\\n"); break;
                case '\r': escaped.append("\\r"); break;
                case '\t': escaped.append("\\t"); break;
                default:
                    if (mustEscapeAt(text, i)) {
                        unicode(escaped, c);
                    } else {
                        escaped.append(c);
                    }
            }
        }
        return escaped.toString();
    }

    /** Appends {@code value} as a JSON string, or {@code null}: RFC 8259 escapes, and {@code \}uXXXX for the rest. */
    public static void json(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (mustEscapeAt(value, i)) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
