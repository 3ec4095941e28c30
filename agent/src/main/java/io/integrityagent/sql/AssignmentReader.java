package io.integrityagent.sql;

import java.util.Collection;
import java.util.List;

/**
 * Reads a {@code SET a = ?, b = 'x', (c, d) = (?, ?)} list into VALUE sources. Every target that is a plain column
 * gets a source, even when its value is an expression, so that a violation on it can still be pointed at.
 */
final class AssignmentReader {

    private final StatementDraft draft;
    private final Tokens tokens;

    AssignmentReader(StatementDraft draft) {
        this.draft = draft;
        this.tokens = draft.tokens;
    }

    /** Reads assignments from {@code from} until one of the {@code terminators}; returns where it stopped. */
    int read(int from, Collection<String> terminators) {
        int itemStart = from;
        int i = from;
        while (i < draft.end && !tokens.isKeywordIn(i, terminators)) {
            if (tokens.isSymbol(i, ",")) {
                readAssignment(itemStart, i);
                itemStart = i + 1;
            }
            i = tokens.skip(i);
        }
        int stop = Math.min(i, draft.end);
        readAssignment(itemStart, stop);
        return stop;
    }

    private void readAssignment(int from, int to) {
        int equals = tokens.findSymbol(from, to, "=");
        if (equals < 0) {
            return;
        }
        if (tokens.isQualifiedName(from, equals)) {
            draft.add(draft.values.describe(new Span(equals + 1, to), tokens.get(equals - 1),
                    ColumnSource.Role.VALUE, 0));
        } else if (tokens.isGroup(from, equals) && tokens.isGroup(equals + 1, to)) {
            readTupleAssignment(from, equals + 1);
        }
    }

    /** {@code (a, b) = (?, ?)} pairs positionally, but only when every target is a plain column. */
    private void readTupleAssignment(int targetsOpen, int valuesOpen) {
        List<Span> targets = tokens.listItems(targetsOpen, draft.end);
        List<Span> values = tokens.listItems(valuesOpen, draft.end);
        if (targets.size() != values.size()) {
            return;
        }
        for (Span target : targets) {
            if (!tokens.isQualifiedName(target.from, target.to)) {
                return;
            }
        }
        for (int k = 0; k < targets.size(); k++) {
            Token column = tokens.get(targets.get(k).to - 1);
            draft.add(draft.values.describe(values.get(k), column, ColumnSource.Role.VALUE, 0));
        }
    }
}
