package io.integrityagent.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads {@code UPDATE t [[AS] alias] SET ... [FROM ...] [WHERE ...]}. When the statement joins or lists several
 * tables, the target is left unknown but the assignments and WHERE equalities are still read.
 */
final class UpdateReader {

    private static final Set<String> MODIFIERS = new HashSet<>(Arrays.asList("LOW_PRIORITY", "IGNORE", "ONLY"));
    private static final Set<String> SET_END = new HashSet<>(Arrays.asList("WHERE", "FROM", "RETURNING", "ORDER",
            "LIMIT", "OUTPUT", "OPTION"));
    private static final Set<String> SET = Collections.singleton("SET");
    private static final Set<String> WHERE = Collections.singleton("WHERE");

    private final StatementDraft draft;
    private final Tokens tokens;

    UpdateReader(StatementDraft draft) {
        this.draft = draft;
        this.tokens = draft.tokens;
    }

    /** Reads what follows the verb at {@code from}. */
    void read(int from) {
        int i = skipModifiers(from);
        int nameEnd = tokens.nameEnd(i, draft.end);
        if (nameEnd < 0) {
            return;
        }
        int nameStart = i;
        i = skipAlias(nameEnd);
        boolean singleTarget = tokens.isKeyword(i, "SET");
        if (singleTarget) {
            draft.table(nameStart, nameEnd);
        } else {
            i = tokens.findKeyword(i, draft.end, SET);
            if (i < 0) {
                return;
            }
        }
        int afterAssignments = new AssignmentReader(draft).read(i + 1, SET_END);
        int where = tokens.findKeyword(afterAssignments, draft.end, WHERE);
        // With a FROM (PostgreSQL, SQL Server) the WHERE may name the columns of other tables.
        boolean whereOfTargetOnly = singleTarget && where == afterAssignments;
        if (where >= 0 && new WhereReader(draft).read(where + 1) && whereOfTargetOnly) {
            draft.whereFullyRead();
        }
    }

    /** MySQL's LOW_PRIORITY/IGNORE, PostgreSQL's ONLY and SQLite's {@code OR <action>}. */
    private int skipModifiers(int from) {
        int i = from;
        while (i < draft.end) {
            if (tokens.isKeywordIn(i, MODIFIERS)) {
                i++;
            } else if (tokens.isKeyword(i, "OR")) {
                i += 2;
            } else {
                return i;
            }
        }
        return i;
    }

    /** Steps over PostgreSQL's descendant-table star and an alias with or without AS. */
    private int skipAlias(int i) {
        if (tokens.isSymbol(i, "*")) {
            i++;
        }
        if (tokens.isKeyword(i, "AS") && tokens.isName(i + 1)) {
            return i + 2;
        }
        return tokens.isName(i) && !tokens.isKeyword(i, "SET") ? i + 1 : i;
    }
}
