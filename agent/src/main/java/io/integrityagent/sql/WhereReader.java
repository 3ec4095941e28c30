package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code column = ?} and {@code column = literal} equalities that a WHERE clause ANDs together at its
 * top level. A top-level OR makes no single equality binding, so such a clause yields nothing.
 */
final class WhereReader {

    private static final Set<String> CLAUSE_END = new HashSet<>(Arrays.asList("ORDER", "GROUP", "HAVING", "WINDOW",
            "LIMIT", "OFFSET", "FETCH", "FOR", "RETURNING", "UNION", "EXCEPT", "INTERSECT", "OPTION"));

    private final StatementDraft draft;
    private final Tokens tokens;

    WhereReader(StatementDraft draft) {
        this.draft = draft;
        this.tokens = draft.tokens;
    }

    /**
     * Reads the conditions that follow the WHERE keyword at {@code from}.
     *
     * @return whether the clause is nothing but such equalities, so that they alone choose the rows: every conjunct
     *         was one, and no ORDER BY, LIMIT or the like narrows the rows further
     */
    boolean read(int from) {
        int clauseEnd = tokens.findKeyword(from, draft.end, CLAUSE_END);
        int to = clauseEnd < 0 ? draft.end : clauseEnd;
        List<Span> conjuncts = new ArrayList<>();
        int conjunctStart = from;
        boolean insideBetween = false;
        for (int i = from; i < to; i = tokens.skip(i)) {
            if (tokens.isKeyword(i, "OR")) {
                return false;
            }
            if (tokens.isKeyword(i, "BETWEEN")) {
                insideBetween = true;
            } else if (tokens.isKeyword(i, "AND")) {
                if (insideBetween) {
                    insideBetween = false;
                } else {
                    conjuncts.add(new Span(conjunctStart, i));
                    conjunctStart = i + 1;
                }
            }
        }
        conjuncts.add(new Span(conjunctStart, to));
        boolean everyConjunctRead = true;
        for (Span conjunct : conjuncts) {
            everyConjunctRead &= readEquality(conjunct.from, conjunct.to);
        }
        return everyConjunctRead && (clauseEnd < 0 || tokens.isKeyword(clauseEnd, "RETURNING"));
    }

    /**
     * Maps {@code name = value} or {@code value = name} when the value is exactly one marker or literal; tells
     * whether it did.
     */
    private boolean readEquality(int from, int to) {
        while (tokens.isGroup(from, to)) {
            from++;
            to--;
        }
        int equals = tokens.findSymbol(from, to, "=");
        if (equals < 0) {
            return false;
        }
        if (tokens.isQualifiedName(from, equals) && addIfBound(equals - 1, equals + 1, to)) {
            return true;
        }
        return tokens.isQualifiedName(equals + 1, to) && addIfBound(to - 1, from, equals);
    }

    /** Adds the equality of the column named by the token {@code name} when its value is one marker or literal. */
    private boolean addIfBound(int name, int valueFrom, int valueTo) {
        Token column = tokens.get(name);
        ColumnSource source = draft.values.describe(new Span(valueFrom, valueTo), column,
                ColumnSource.Role.WHERE, 0);
        if (source.isParameter() || source.isLiteral()) {
            draft.add(source.writtenAs(tokens.sql().substring(column.start, column.end)));
            return true;
        }
        return false;
    }
}
