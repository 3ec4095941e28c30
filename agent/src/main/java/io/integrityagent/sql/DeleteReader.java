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
            draft.table(tokens.get(nameEnd - 1).text);
        }
        int where = tokens.findKeyword(nameEnd, draft.end, WHERE);
        if (where >= 0) {
            new WhereReader(draft).read(where + 1);
        }
    }
}
