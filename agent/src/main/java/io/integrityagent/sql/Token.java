package io.integrityagent.sql;

import java.util.Locale;

/** One lexical unit of SQL text, located by its character offsets. */
final class Token {

    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A "double-quoted", `backticked` or [bracketed] identifier. */
        QUOTED_NAME,
        /** A string literal, including any prefix such as E, N or X, or a dollar-quoted string. */
        STRING,
        NUMBER,
        /** A {@code ?} bind marker. */
        MARKER,
        /** Punctuation or an operator. */
        SYMBOL
    }

    final Kind kind;
    final int start;
    final int end;
    /** The identifier (unquoted for quoted names) or the symbol; null for other kinds. */
    final String text;
    /** The upper-case word, so keyword checks need no allocation; null unless a WORD. */
    final String keyword;
    /** The 1-based position of a MARKER among all markers; 0 for other kinds. */
    final int parameterIndex;

    private Token(Kind kind, int start, int end, String text, int parameterIndex) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.text = text;
        this.keyword = kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : null;
        this.parameterIndex = parameterIndex;
    }

    static Token word(int start, int end, String word) {
        return new Token(Kind.WORD, start, end, word, 0);
    }

    static Token quotedName(int start, int end, String name) {
        return new Token(Kind.QUOTED_NAME, start, end, name, 0);
    }

    static Token symbol(int start, int end, String symbol) {
        return new Token(Kind.SYMBOL, start, end, symbol, 0);
    }

    static Token marker(int start, int parameterIndex) {
        return new Token(Kind.MARKER, start, start + 1, null, parameterIndex);
    }

    static Token of(Kind kind, int start, int end) {
        return new Token(kind, start, end, null, 0);
    }

    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }
}
