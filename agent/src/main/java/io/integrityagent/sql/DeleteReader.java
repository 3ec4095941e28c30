package io.integrityagent.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads {@code DELETE [FROM] t ... WHERE ...}. MySQL's multi-table forms ({@code DELETE t1 FROM ...},
 * {@code DELETE FROM t1, t2 USING ...}) leave the target unknown; their WHERE equalities are still read.
 */
final class DeleteReader {

    private static final Set<String> MODIFIERS = new HashSet<>(Arrays.asList("LOW_PRIORITY", "QUICK", "IGNORE"));
    private static final Set<String> WHERE = Collections.singleton("WHERE");

    private final StatementDraft draft;
    private final Tokens tokens;

    DeleteReader(StatementDraft draft) {
        this.draft = draft;
        this.tokens = draft.tokens;
    }

    /** Steps over an alias with or without AS. */
    private int skipAlias(int i) {
        if (tokens.isKeyword(i, "AS") && tokens.isName(i + 1)) {
            return i + 2;
        }
        return tokens.isName(i) && !tokens.isKeyword(i, "WHERE") ? i + 1 : i;
    }

    /** Reads what follows the verb at {@code from}. */
    void read(int from) {
        int i = from;
        while (i < draft.end && tokens.isKeywordIn(i, MODIFIERS)) {
            i++;
        }
        boolean fromWritten = tokens.isKeyword(i, "FROM");
        if (fromWritten) {
            i++;
            if (tokens.isKeyword(i, "ONLY")) {
                i++;
            }
        }
        int nameEnd = tokens.nameEnd(i, draft.end);
        if (nameEnd < 0) {
            return;
        }
        boolean singleTarget = !tokens.isSymbol(nameEnd, ",") && (fromWritten || !tokens.isKeyword(nameEnd, "FROM"));
        if (singleTarget) {
            draft.table(i, nameEnd);
        }
        int where = tokens.findKeyword(nameEnd, draft.end, WHERE);
        // Only a WHERE that directly follows the single target (and its alias) is about the target's columns alone.
        boolean whereOfTargetOnly = singleTarget && where == skipAlias(nameEnd);
        if (where >= 0 && new WhereReader(draft).read(where + 1) && whereOfTargetOnly) {
            draft.whereFullyRead();
        }
    }
}
