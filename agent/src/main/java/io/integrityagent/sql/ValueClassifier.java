package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the tokens giving a column its value are exactly one bind marker, exactly one literal, or
 * anything else. Redundant parentheses and a type cast ({@code ?::int}, {@code CAST(? AS int)}) do not change
 * where the value came from, so they are looked through; a cast literal is reported without its cast.
 */
final class ValueClassifier {

    private static final Set<String> WORD_LITERALS = new HashSet<>(Arrays.asList("NULL", "TRUE", "FALSE"));
    private static final Set<String> TYPE_SYMBOLS = new HashSet<>(Arrays.asList("::", "(", ")", ",", "[", "]", "."));

    private final Tokens tokens;
    private final List<TextSpan> doubleQuotedInValues = new ArrayList<>();

    ValueClassifier(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Every {@code "…"} inside the values described so far: a string to MySQL, MariaDB and SQLite, maybe. */
    List<TextSpan> doubleQuotedInValues() {
        return doubleQuotedInValues;
    }

    void noteDoubleQuoted(Span value) {
        for (int i = value.from; i < value.to; i++) {
            Token token = tokens.get(i);
            if (token.kind == Token.Kind.QUOTED_NAME && tokens.sql().charAt(token.start) == '"') {
                doubleQuotedInValues.add(new TextSpan(token.start, token.end));
            }
        }
    }

    /** @param name the token naming the value's column; null when the column is not known yet */
    ColumnSource describe(Span value, Token name, ColumnSource.Role role, int row) {
        String column = name == null ? null : name.text;
        boolean exactName = name != null && name.kind == Token.Kind.QUOTED_NAME;
        noteDoubleQuoted(value);
        int from = value.from;
        int to = value.to;
        while (tokens.isGroup(from, to)) {
            from++;
            to--;
        }
        if (from >= to) {
            return ColumnSource.expression(column, exactName, role, row);
        }
        int primaryEnd = primaryEnd(from);
        boolean plain = primaryEnd > 0 && (primaryEnd == to || (primaryEnd < to && isCastSuffix(primaryEnd, to)));
        if (!plain) {
            int castedEnd = castedPrimaryEnd(from, to);
            if (castedEnd < 0) {
                return ColumnSource.expression(column, exactName, role, row);
            }
            from += 2;
            primaryEnd = castedEnd;
        }
        Token first = tokens.get(from);
        if (first.kind == Token.Kind.MARKER) {
            return ColumnSource.parameter(column, exactName, role, row, first.parameterIndex);
        }
        int end = tokens.get(primaryEnd - 1).end;
        return ColumnSource.literal(column, exactName, role, row, tokens.sql().substring(first.start, end),
                first.start, end);
    }

    /** The end of the marker or literal starting at {@code i}, or -1 when none starts there. */
    private int primaryEnd(int i) {
        if (tokens.isKind(i, Token.Kind.MARKER) || tokens.isKind(i, Token.Kind.STRING)
                || tokens.isKind(i, Token.Kind.NUMBER) || tokens.isKeywordIn(i, WORD_LITERALS)) {
            return i + 1;
        }
        if ((tokens.isSymbol(i, "-") || tokens.isSymbol(i, "+")) && tokens.isKind(i + 1, Token.Kind.NUMBER)) {
            return i + 2;
        }
        return -1;
    }

    /** Whether [from, to) is nothing but {@code ::type}, possibly with a length, array brackets or a schema. */
    private boolean isCastSuffix(int from, int to) {
        if (!tokens.isSymbol(from, "::")) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            Token token = tokens.get(i);
            boolean typePart = token.isName() || token.kind == Token.Kind.NUMBER
                    || (token.kind == Token.Kind.SYMBOL && TYPE_SYMBOLS.contains(token.text));
            if (!typePart) {
                return false;
            }
        }
        return true;
    }

    /** For exactly {@code CAST(primary AS type)}, the end of the primary inside it; otherwise -1. */
    private int castedPrimaryEnd(int from, int to) {
        if (!tokens.isKeyword(from, "CAST") || !tokens.isGroup(from + 1, to)) {
            return -1;
        }
        int primaryEnd = primaryEnd(from + 2);
        return primaryEnd > 0 && tokens.isKeyword(primaryEnd, "AS") ? primaryEnd : -1;
    }
}
