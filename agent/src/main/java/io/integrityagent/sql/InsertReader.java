package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads INSERT, REPLACE, UPSERT and H2's {@code MERGE INTO t (..) KEY (..) VALUES (..)}: the target table, and
 * each column of the column list paired with its value in every VALUES row. A conflict clause that follows
 * ({@code ON CONFLICT ... DO UPDATE SET}, {@code ON DUPLICATE KEY UPDATE}) adds no sources: its markers are
 * counted like all others, but its values are not what the failed row was inserted with.
 */
final class InsertReader {

    /** Words that may come between the verb and INTO: MySQL priorities and IGNORE, SQLite's OR conflict action. */
    private static final Set<String> MODIFIERS = new HashSet<>(Arrays.asList("IGNORE", "OR", "REPLACE", "ROLLBACK",
            "ABORT", "FAIL", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY"));
    /** Oracle's multi-table inserts have no single target. */
    private static final Set<String> MULTI_TABLE = new HashSet<>(Arrays.asList("ALL", "FIRST"));
    private static final Set<String> VALUES = new HashSet<>(Arrays.asList("VALUES", "VALUE"));
    private static final Set<String> SET_END = new HashSet<>(Arrays.asList("ON", "RETURNING"));

    private final StatementDraft draft;
    private final Tokens tokens;

    InsertReader(StatementDraft draft) {
        this.draft = draft;
        this.tokens = draft.tokens;
    }

    /** Reads what follows the verb at {@code from}. */
    void read(int from) {
        int i = skipModifiers(from);
        int nameEnd = tokens.nameEnd(i, draft.end);
        if (nameEnd < 0 || tokens.isKeywordIn(i, MULTI_TABLE)) {
            return;
        }
        draft.table(i, nameEnd);
        i = skipAlias(nameEnd);
        List<Token> columns = Collections.emptyList();
        boolean hasColumnList = tokens.isSymbol(i, "(");
        if (hasColumnList) {
            columns = columnNames(i);
            if (columns == null) {
                return;
            }
            i = tokens.skip(i);
        }
        i = skipBeforeValues(i);
        if (tokens.isKeyword(i, "SET") && !hasColumnList) {
            new AssignmentReader(draft).read(i + 1, SET_END);
            return;
        }
        if (!hasColumnList) {
            draft.omitsColumnList();
        }
        if (tokens.isKeywordIn(i, VALUES)) {
            readRows(i + 1, hasColumnList ? columns : null);
        }
    }

    /** Skips modifiers only when INTO follows them (or they are MySQL's and INTO is left out). */
    private int skipModifiers(int from) {
        int i = from;
        while (i < draft.end && tokens.isKeywordIn(i, MODIFIERS)) {
            i++;
        }
        return tokens.isKeyword(i, "INTO") ? i + 1 : i;
    }

    /** PostgreSQL allows {@code INSERT INTO t AS alias}. */
    private int skipAlias(int i) {
        return tokens.isKeyword(i, "AS") && tokens.isName(i + 1) ? i + 2 : i;
    }

    /** Steps over {@code OVERRIDING SYSTEM VALUE} (PostgreSQL) and {@code KEY (..)} (H2 MERGE). */
    private int skipBeforeValues(int i) {
        if (tokens.isKeyword(i, "OVERRIDING")) {
            return i + 3;
        }
        if (tokens.isKeyword(i, "KEY") && tokens.isSymbol(i + 1, "(")) {
            return tokens.skip(i + 1);
        }
        return i;
    }

    /** The names in the column list opening at {@code open}, or null when it is not a list of plain names. */
    private List<Token> columnNames(int open) {
        List<Token> names = new ArrayList<>();
        for (Span item : tokens.listItems(open, draft.end)) {
            if (!tokens.isQualifiedName(item.from, item.to)) {
                return null;
            }
            names.add(tokens.get(item.to - 1));
        }
        return names;
    }

    /**
     * Pairs each row of {@code VALUES (..), (..)} with the column list. A row whose length differs from the list
     * was not understood, so it adds nothing rather than a wrong pairing. Without a column list ({@code columns}
     * null) the values are kept by position, for the table's columns to name.
     */
    private void readRows(int from, List<Token> columns) {
        int i = from;
        for (int row = 0; i < draft.end; row++) {
            if (tokens.isKeyword(i, "ROW")) {
                i++;
            }
            if (!tokens.isSymbol(i, "(")) {
                return;
            }
            List<Span> values = tokens.listItems(i, draft.end);
            if (columns == null) {
                for (Span value : values) {
                    draft.addUnnamed(draft.values.describe(value, null, ColumnSource.Role.VALUE, row));
                }
            } else if (values.size() == columns.size()) {
                for (int k = 0; k < values.size(); k++) {
                    draft.add(draft.values.describe(values.get(k), columns.get(k), ColumnSource.Role.VALUE, row));
                }
            } else {
                values.forEach(draft.values::noteDoubleQuoted); // unpaired, but still values to mask
            }
            i = tokens.skip(i);
            if (!tokens.isSymbol(i, ",")) {
                return;
            }
            i++;
        }
    }
}
