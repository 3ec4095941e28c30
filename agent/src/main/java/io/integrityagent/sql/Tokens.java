package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The tokens of one SQL text with their bracket pairs resolved up front, so that stepping over a parenthesised
 * group costs one lookup and every scan of the statement stays linear. All queries are safe for any index.
 */
final class Tokens {

    private final String sql;
    private final Token[] tokens;
    /** For an opening bracket, the index of its closing partner, or {@code size()} when it is never closed. */
    private final int[] partner;
    private final int markerCount;

    Tokens(String sql, List<Token> tokens, int markerCount) {
        this.sql = sql;
        this.tokens = tokens.toArray(new Token[0]);
        this.partner = pairBrackets(this.tokens);
        this.markerCount = markerCount;
    }

    /** Pairs ( with ), [ with ] and { with }; a closer that does not match the innermost open bracket is ignored. */
    private static int[] pairBrackets(Token[] tokens) {
        int[] partner = new int[tokens.length];
        int[] open = new int[tokens.length];
        int depth = 0;
        for (int i = 0; i < tokens.length; i++) {
            String symbol = tokens[i].kind == Token.Kind.SYMBOL ? tokens[i].text : "";
            if (isOpener(symbol)) {
                partner[i] = tokens.length;
                open[depth++] = i;
            } else if (depth > 0 && symbol.equals(closerOf(tokens[open[depth - 1]].text))) {
                partner[open[--depth]] = i;
            }
        }
        return partner;
    }

    private static boolean isOpener(String symbol) {
        return symbol.equals("(") || symbol.equals("[") || symbol.equals("{");
    }

    private static String closerOf(String opener) {
        return opener.equals("(") ? ")" : opener.equals("[") ? "]" : "}";
    }

    String sql() {
        return sql;
    }

    int size() {
        return tokens.length;
    }

    int markerCount() {
        return markerCount;
    }

    /** Where every string literal of the text is, the ones after the first statement included. */
    List<TextSpan> stringLiterals() {
        List<TextSpan> literals = new ArrayList<>();
        for (Token token : tokens) {
            if (token.kind == Token.Kind.STRING) {
                literals.add(new TextSpan(token.start, token.end));
            }
        }
        return literals;
    }

    Token get(int i) {
        return tokens[i];
    }

    boolean isKeyword(int i, String keyword) {
        return i >= 0 && i < tokens.length && keyword.equals(tokens[i].keyword);
    }

    boolean isKeywordIn(int i, Collection<String> keywords) {
        return i >= 0 && i < tokens.length && tokens[i].keyword != null && keywords.contains(tokens[i].keyword);
    }

    boolean isSymbol(int i, String symbol) {
        return i >= 0 && i < tokens.length && tokens[i].kind == Token.Kind.SYMBOL && symbol.equals(tokens[i].text);
    }

    boolean isKind(int i, Token.Kind kind) {
        return i >= 0 && i < tokens.length && tokens[i].kind == kind;
    }

    boolean isName(int i) {
        return i >= 0 && i < tokens.length && tokens[i].isName();
    }

    /** The index after the token at {@code i}, or after the whole bracketed group when {@code i} opens one. */
    int skip(int i) {
        if (i >= 0 && i < tokens.length && tokens[i].kind == Token.Kind.SYMBOL && isOpener(tokens[i].text)) {
            return partner[i] + 1;
        }
        return i + 1;
    }

    /** Whether the tokens from {@code from} to {@code to} are exactly one bracketed group. */
    boolean isGroup(int from, int to) {
        return isSymbol(from, "(") && skip(from) == to;
    }

    /** The first index from {@code from} on where a semicolon outside brackets ends the statement. */
    int statementEnd(int from) {
        for (int i = from; i < tokens.length; i = skip(i)) {
            if (isSymbol(i, ";")) {
                return i;
            }
        }
        return tokens.length;
    }

    /** The first index in [from, to) outside brackets holding one of the keywords, or -1. */
    int findKeyword(int from, int to, Collection<String> keywords) {
        for (int i = from; i < to; i = skip(i)) {
            if (isKeywordIn(i, keywords)) {
                return i;
            }
        }
        return -1;
    }

    /** The first index in [from, to) outside brackets holding the symbol, or -1. */
    int findSymbol(int from, int to, String symbol) {
        for (int i = from; i < to; i = skip(i)) {
            if (isSymbol(i, symbol)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The end of a possibly qualified name ({@code name}, {@code schema.name}, {@code db..name}) starting at
     * {@code i} and not reaching past {@code limit}, or -1 when no name starts there. The last part is at end - 1.
     */
    int nameEnd(int i, int limit) {
        if (i >= limit || !isName(i)) {
            return -1;
        }
        int end = i + 1;
        while (end < limit && isSymbol(end, ".")) {
            int part = isSymbol(end + 1, ".") ? end + 2 : end + 1;
            if (part >= limit || !isName(part)) {
                return -1;
            }
            end = part + 1;
        }
        return end;
    }

    /** Whether [from, to) is exactly one possibly qualified name. */
    boolean isQualifiedName(int from, int to) {
        return nameEnd(from, to) == to;
    }

    /** The comma-separated items inside the bracketed group opening at {@code open}, not reaching past {@code limit}. */
    List<Span> listItems(int open, int limit) {
        int close = Math.min(partner[open], limit);
        List<Span> items = new ArrayList<>();
        if (open + 1 >= close) {
            return items;
        }
        int itemStart = open + 1;
        for (int i = itemStart; i < close; i = skip(i)) {
            if (isSymbol(i, ",")) {
                items.add(new Span(itemStart, i));
                itemStart = i + 1;
            }
        }
        items.add(new Span(itemStart, close));
        return items;
    }
}
