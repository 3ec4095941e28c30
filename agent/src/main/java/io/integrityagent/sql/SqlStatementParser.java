package io.integrityagent.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Maps the columns of a DML statement to where their values came from: a {@code ?} bind marker or a literal. It is
 * a scanner, not a full SQL parser: it reads the first statement of the text, understands the common shapes of
 * INSERT, UPDATE, DELETE and MERGE, and leaves null or empty whatever it does not recognise. Every step moves
 * forward through the tokens, so the time taken is linear in the length of the text.
 */
public final class SqlStatementParser {

    /** Verbs that can follow the common table expressions of a WITH clause. */
    private static final Set<String> MAIN_VERBS = new HashSet<>(Arrays.asList("SELECT", "INSERT", "UPDATE",
            "DELETE", "MERGE", "REPLACE", "UPSERT", "VALUES", "TABLE"));
    private static final SqlShape NOTHING = new SqlShape(null, null, false, null, false, "", Collections.emptyList(),
            0, false, Collections.emptyList(), Collections.emptyList(), Collections.emptyList(), false);

    private SqlStatementParser() {
    }

    /** Never throws; null or blank sql gives a shape with verb null. */
    public static SqlShape parse(String sql) {
        try {
            return parseUnguarded(sql);
        } catch (RuntimeException parserBug) {
            // This runs while a violation is being reported: knowing less must never become a failure of its own.
            return NOTHING;
        }
    }

    /** The parse itself, without the safety net, so that tests see any exception a bug would raise. */
    static SqlShape parseUnguarded(String sql) {
        if (sql == null) {
            return NOTHING;
        }
        Tokens tokens = SqlLexer.tokenize(sql);
        int first = firstVerb(tokens);
        StatementDraft draft = new StatementDraft(tokens, tokens.statementEnd(first));
        if (!tokens.isKind(first, Token.Kind.WORD)) {
            return draft.toShape(null);
        }
        int verb = first;
        if (tokens.isKeyword(first, "WITH")) {
            verb = tokens.findKeyword(first + 1, draft.end, MAIN_VERBS);
            if (verb < 0) {
                return draft.toShape("WITH");
            }
        }
        String verbText = tokens.get(verb).keyword;
        switch (SqlOperation.of(verbText)) {
            case INSERT:
            case REPLACE:
            case UPSERT:
            case MERGE:
                new InsertReader(draft).read(verb + 1);
                break;
            case UPDATE:
                new UpdateReader(draft).read(verb + 1);
                break;
            case DELETE:
                new DeleteReader(draft).read(verb + 1);
                break;
            default:
                break;
        }
        return draft.toShape(verbText);
    }

    /**
     * Steps over empty statements, opening parentheses and the JDBC escape {@code {? = call ...}} to the token that
     * names the operation.
     */
    private static int firstVerb(Tokens tokens) {
        int i = 0;
        while (tokens.isSymbol(i, ";") || tokens.isSymbol(i, "(") || tokens.isSymbol(i, "{")) {
            i++;
        }
        if (tokens.isKind(i, Token.Kind.MARKER) && tokens.isSymbol(i + 1, "=")) {
            i += 2;
        }
        return i;
    }
}
