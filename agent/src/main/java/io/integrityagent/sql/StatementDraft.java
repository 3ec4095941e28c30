package io.integrityagent.sql;

import java.util.ArrayList;
import java.util.List;

/** The statement being read: its tokens up to the end of the first statement, and what has been found so far. */
final class StatementDraft {

    final Tokens tokens;
    /** The index of the first token past the statement (its semicolon, or the end of the text). */
    final int end;
    final ValueClassifier values;
    private String table;
    private boolean tableNameExact;
    private String schema;
    private boolean schemaNameExact;
    private String qualifier = "";
    private boolean whereFullyRead;
    private final List<ColumnSource> sources = new ArrayList<>();
    private final List<ColumnSource> unnamedValues = new ArrayList<>();
    private boolean omitsColumnList;

    StatementDraft(Tokens tokens, int end) {
        this.tokens = tokens;
        this.end = end;
        this.values = new ValueClassifier(tokens);
    }

    /** The target table of the name that spans tokens [from, nameEnd): its last part, and its qualifier as written. */
    void table(int from, int nameEnd) {
        table = tokens.get(nameEnd - 1).text;
        tableNameExact = tokens.get(nameEnd - 1).kind == Token.Kind.QUOTED_NAME;
        if (nameEnd - 1 > from) {
            Token part = tokens.get(nameEnd - 3); // the part before the table's dot: its schema, or a dot (db..t)
            // With a catalog before it (otherdb.dbo.users), the schema alone does not say where the table is.
            boolean placed = part.kind != Token.Kind.SYMBOL && nameEnd - 3 == from;
            schema = placed ? part.text : "";
            schemaNameExact = placed && part.kind == Token.Kind.QUOTED_NAME;
        }
        qualifier = tokens.sql().substring(tokens.get(from).start, tokens.get(nameEnd - 1).start);
    }

    /** The WHERE clause is nothing but equalities of the target's columns, each with one marker or literal. */
    void whereFullyRead() {
        whereFullyRead = true;
    }

    void add(ColumnSource source) {
        sources.add(source);
    }

    /** An INSERT without column list: its values can be paired only once the table's columns are known. */
    void omitsColumnList() {
        omitsColumnList = true;
    }

    /** A value of an INSERT without column list, its column not known yet. */
    void addUnnamed(ColumnSource value) {
        unnamedValues.add(value);
    }

    SqlShape toShape(String verb) {
        return new SqlShape(verb, table, tableNameExact, schema, schemaNameExact, qualifier, sources,
                tokens.markerCount(), omitsColumnList, unnamedValues, tokens.stringLiterals(),
                values.doubleQuotedInValues(), whereFullyRead);
    }
}
