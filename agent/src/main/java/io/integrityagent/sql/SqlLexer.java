package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens in one left-to-right pass. It never fails: an unterminated literal, quoted identifier
 * or comment simply runs to the end of the text.
 */
final class SqlLexer {

    /** Two-character operators kept whole so that, for example, a cast {@code ::} is not read as two colons. */
    private static final String[] PAIRED_SYMBOLS = {"::", "<>", "<=", ">=", "!=", "||", ":=", "=>", "->"};

    private final String sql;
    private final int length;
    private final List<Token> tokens = new ArrayList<>();
    private int markers;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    static Tokens tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return new Tokens(sql, lexer.tokens, lexer.markers);
    }

    private void run() {
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && charAt(i + 1) == '-') {
                i = lineCommentEnd(i);
            } else if (c == '/' && charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? length : close + 2;
            } else if (c == '\'') {
                i = addString(i, i, false);
            } else if (c == '"' || c == '`') {
                i = addQuotedName(i, c);
            } else if (c == '[' && !followsOperand(i)) {
                i = addQuotedName(i, ']');
            } else if (c == '?') {
                i = addQuestionMark(i);
            } else if (isDigit(c) || (c == '.' && isDigit(charAt(i + 1)))) {
                i = addNumber(i);
            } else if (c == '$') {
                i = addDollar(i);
            } else if (isWordStart(c)) {
                i = addWord(i);
            } else {
                i = addSymbol(i);
            }
        }
    }

    private int lineCommentEnd(int i) {
        int j = i + 2;
        while (j < length && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    /**
     * Reads a '...' literal whose prefix (E, N, X, ...) starts at {@code start} and whose opening quote is at
     * {@code quote}. Doubled quotes are escapes everywhere; backslashes always escape in E'...' strings. In plain
     * strings a backslash-quote is taken as MySQL's escape unless the quote is followed by what usually follows the
     * end of a literal, so both {@code 'it\'s'} and a standard {@code 'C:\'} scan as one literal.
     */
    private int addString(int start, int quote, boolean backslashEscapes) {
        int j = quote + 1;
        int end = length;
        while (j < length) {
            char c = sql.charAt(j);
            if (c == '\'') {
                if (charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                end = j + 1;
                break;
            }
            if (c == '\\' && j + 1 < length) {
                char escaped = sql.charAt(j + 1);
                if (backslashEscapes || escaped == '\\' || (escaped == '\'' && !endsLiteralBefore(j + 2))) {
                    j += 2;
                    continue;
                }
            }
            j++;
        }
        tokens.add(Token.of(Token.Kind.STRING, start, end));
        return end;
    }

    private boolean endsLiteralBefore(int i) {
        if (i >= length) {
            return true;
        }
        char c = sql.charAt(i);
        return isSpace(c) || c == ',' || c == ')' || c == ';' || c == ':' || c == '|';
    }

    /** Reads an identifier quoted by {@code "}, {@code `} or {@code [}; a doubled closing character is an escape. */
    private int addQuotedName(int open, char close) {
        int j = open + 1;
        int end = length;
        int nameEnd = length;
        while (j < length) {
            int found = sql.indexOf(close, j);
            if (found < 0) {
                break;
            }
            if (charAt(found + 1) == close) {
                j = found + 2;
                continue;
            }
            nameEnd = found;
            end = found + 1;
            break;
        }
        String single = String.valueOf(close);
        String name = sql.substring(open + 1, nameEnd).replace(single + close, single);
        tokens.add(Token.quotedName(open, end, name));
        return end;
    }

    /**
     * PostgreSQL's (and the standard's) {@code U&"p\0061ssword"}: the name with its escapes ({@code \XXXX},
     * {@code \+XXXXXX}, {@code \\}) undone, so that a sensitive column is known as one. Escapes of another
     * character ({@code UESCAPE}) stay as written.
     */
    private int addUnicodeName(int prefixStart, int open) {
        int end = addQuotedName(open, '"');
        Token quoted = tokens.remove(tokens.size() - 1);
        tokens.add(Token.quotedName(prefixStart, end, unicodeEscapesUndone(quoted.text)));
        return end;
    }

    static String unicodeEscapesUndone(String name) {
        StringBuilder undone = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            int digits = c != '\\' ? 0 : i + 1 < name.length() && name.charAt(i + 1) == '+' ? 6 : 4;
            int from = digits == 6 ? i + 2 : i + 1;
            if (c == '\\' && i + 1 < name.length() && name.charAt(i + 1) == '\\') {
                undone.append('\\');
                i += 2;
            } else if (digits > 0 && from + digits <= name.length() && isCodePoint(name, from, from + digits)) {
                undone.appendCodePoint(Integer.parseInt(name.substring(from, from + digits), 16));
                i = from + digits;
            } else {
                undone.append(c);
                i++;
            }
        }
        return undone.toString();
    }

    private static boolean isCodePoint(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return Character.isValidCodePoint(Integer.parseInt(text.substring(from, to), 16));
    }

    /**
     * A bracket right after an identifier, a closing bracket or a quote is an array subscript ({@code arr[1]});
     * elsewhere it opens a SQL Server style [quoted name].
     */
    private boolean followsOperand(int i) {
        if (i == 0) {
            return false;
        }
        char previous = sql.charAt(i - 1);
        return isWordPart(previous) || previous == ']' || previous == ')' || previous == '"' || previous == '`';
    }

    /** PostgreSQL's JDBC driver reads {@code ??} as an escaped {@code ?} operator, not as two markers. */
    private int addQuestionMark(int i) {
        if (charAt(i + 1) == '?') {
            tokens.add(Token.symbol(i, i + 2, "??"));
            return i + 2;
        }
        tokens.add(Token.marker(i, ++markers));
        return i + 1;
    }

    private int addNumber(int start) {
        int j = start;
        if (sql.charAt(j) == '0' && (charAt(j + 1) == 'x' || charAt(j + 1) == 'X') && isHexDigit(charAt(j + 2))) {
            j += 2;
            while (isHexDigit(charAt(j))) {
                j++;
            }
        } else {
            j = digitsEnd(j);
            if (charAt(j) == '.') {
                j = digitsEnd(j + 1);
            }
            if (charAt(j) == 'e' || charAt(j) == 'E') {
                int exponent = charAt(j + 1) == '+' || charAt(j + 1) == '-' ? j + 2 : j + 1;
                if (isDigit(charAt(exponent))) {
                    j = digitsEnd(exponent);
                }
            }
        }
        tokens.add(Token.of(Token.Kind.NUMBER, start, j));
        return j;
    }

    private int digitsEnd(int i) {
        while (isDigit(charAt(i))) {
            i++;
        }
        return i;
    }

    /** A {@code $tag$...$tag$} string (PostgreSQL), a {@code $1} positional reference, or a lone dollar sign. */
    private int addDollar(int start) {
        int j = start + 1;
        if (Character.isLetter(charAt(j)) || charAt(j) == '_') {
            while (Character.isLetterOrDigit(charAt(j)) || charAt(j) == '_') {
                j++;
            }
        }
        if (charAt(j) == '$') {
            String tag = sql.substring(start, j + 1);
            int close = sql.indexOf(tag, j + 1);
            int end = close < 0 ? length : close + tag.length();
            tokens.add(Token.of(Token.Kind.STRING, start, end));
            return end;
        }
        int end = digitsEnd(start + 1);
        tokens.add(Token.symbol(start, end, sql.substring(start, end)));
        return end;
    }

    /** A word, unless it is a prefix glued to a string literal: E'..', N'..', X'..', B'..', U&'..', _utf8'..'. */
    private int addWord(int start) {
        int j = start + 1;
        while (j < length && isWordPart(sql.charAt(j))) {
            j++;
        }
        String word = sql.substring(start, j);
        if (charAt(j) == '\'' && isStringPrefix(word)) {
            return addString(start, j, word.equalsIgnoreCase("E"));
        }
        if (charAt(j) == '&' && charAt(j + 1) == '\'' && word.equalsIgnoreCase("U")) {
            return addString(start, j + 1, false);
        }
        if (charAt(j) == '&' && charAt(j + 1) == '"' && word.equalsIgnoreCase("U")) {
            return addUnicodeName(start, j + 1);
        }
        tokens.add(Token.word(start, j, word));
        return j;
    }

    private static boolean isStringPrefix(String word) {
        return word.equalsIgnoreCase("E") || word.equalsIgnoreCase("N") || word.equalsIgnoreCase("X")
                || word.equalsIgnoreCase("B") || word.startsWith("_");
    }

    private int addSymbol(int start) {
        if (start + 1 < length) {
            for (String pair : PAIRED_SYMBOLS) {
                if (sql.startsWith(pair, start)) {
                    tokens.add(Token.symbol(start, start + 2, pair));
                    return start + 2;
                }
            }
        }
        tokens.add(Token.symbol(start, start + 1, sql.substring(start, start + 1)));
        return start + 1;
    }

    /** The character at {@code i}, or a NUL past the end so that look-ahead needs no bounds checks. */
    private char charAt(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Letters and anything non-ASCII start a word, as do {@code _}, {@code @} (variables) and {@code #} (temp tables). */
    private static boolean isWordStart(char c) {
        return c >= 0x80 || Character.isLetter(c) || c == '_' || c == '@' || c == '#';
    }

    private static boolean isWordPart(char c) {
        return !isSpace(c) && (isWordStart(c) || isDigit(c) || c == '$');
    }
}
