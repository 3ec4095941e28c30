package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Db2 through IBM's JCC driver. The vendor code is the SQLCODE and tells the kind (Db2 uses 23504 or 23001 for
 * a parent row still referenced). What the violation concerns is in the SQLCA's message tokens: the driver's
 * default message repeats them after {@code SQLERRMC=}, but with {@code retrieveMessagesFromServerOnGetMessage}
 * the message is the server's translated text without them, so the tokens are read from the exception's
 * {@code getSqlca()} first. On Db2 for Linux, Unix and Windows a constraint token is {@code SCHEMA.TABLE.NAME}
 * (the referencing table for a foreign key); -803 names an index id and the table, not the constraint.
 */
public final class Db2Dialect extends SqlStateDialect {

    private static final int DUPLICATE_KEY = -803;
    private static final int NULL_ASSIGNED = -407;
    private static final int PARENT_MISSING = -530;
    private static final int PARENT_KEY_UPDATED = -531;
    private static final int PARENT_DELETED = -532;
    private static final int CHECK_SET_NULL = -543;
    private static final int CHECK = -545;

    /** Greedy: a NOT NULL token reads {@code TBSPACEID=2, TABLEID=4, COLNO=1}. */
    private static final Pattern ERRMC = Pattern.compile("SQLERRMC=(.*), DRIVER=");
    /** JCC labels each exception of a batch with the entry's 1-based position. */
    private static final Pattern BATCH_ELEMENT = Pattern.compile("^Error for batch element #(\\d+):");

    public Db2Dialect() {
        super(DatabaseSystem.DB2);
    }

    @Override
    public ViolationKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case DUPLICATE_KEY:
                return ViolationKind.UNIQUE;
            case NULL_ASSIGNED:
                return ViolationKind.NOT_NULL;
            case PARENT_MISSING:
            case PARENT_KEY_UPDATED:
            case PARENT_DELETED:
                return ViolationKind.FOREIGN_KEY;
            case CHECK:
            case CHECK_SET_NULL:
                return ViolationKind.CHECK;
            default:
                return super.classify(e);
        }
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        List<String> tokens = tokens(e);
        String first = tokens.isEmpty() ? null : tokens.get(0).trim();
        switch (e.getErrorCode()) {
            case DUPLICATE_KEY:
                // Db2 for z/OS sends an index space and a row id instead, which name no table.
                if (tokens.size() >= 2 && Identifiers.isName(tokens.get(1).trim())) {
                    facts.table(Identifiers.lastPart(tokens.get(1)));
                }
                break;
            case NULL_ASSIGNED:
                // Often only TBSPACEID=n, TABLEID=n, COLNO=n, which needs the catalog to name the column.
                if (Identifiers.isName(first)) {
                    facts.column(Identifiers.lastPart(first));
                }
                break;
            case PARENT_MISSING:
            case PARENT_KEY_UPDATED:
            case PARENT_DELETED:
                facts.parentSide(e.getErrorCode() != PARENT_MISSING);
                describeQualifiedConstraint(first, facts);
                break;
            case CHECK:
            case CHECK_SET_NULL:
                describeQualifiedConstraint(first, facts);
                break;
            default:
                break;
        }
    }

    @Override
    public int failedBatchEntry(BatchUpdateException batch, SQLException violation) {
        Matcher element = BATCH_ELEMENT.matcher(violation.getMessage() == null ? "" : violation.getMessage());
        return element.find() ? Integer.parseInt(element.group(1)) - 1 : failedBatchEntry(batch);
    }

    @Override
    public String canonicalName(String identifier) {
        return Identifiers.foldedToUpperCase(identifier);
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        List<String> keys = keyColumns.isEmpty() ? List.of("<key>") : keyColumns;
        StringBuilder on = new StringBuilder();
        for (String key : keys) {
            on.append(on.length() == 0 ? "" : " AND ").append("t.").append(key).append(" = s.").append(key);
        }
        return "use MERGE INTO " + (table == null ? "<table>" : table) + " AS t USING (VALUES (?, …)) AS s ("
                + String.join(", ", keys) + ", …) ON " + on + " WHEN MATCHED THEN UPDATE SET … WHEN NOT MATCHED"
                + " THEN INSERT (…) VALUES (…) to update the existing row instead";
    }

    /** {@code SCHEMA.TABLE.NAME}: the constraint and the table it belongs to; a bare name is the constraint. */
    private static void describeQualifiedConstraint(String token, ViolationFacts facts) {
        if (!Identifiers.isName(token)) {
            return;
        }
        String[] parts = token.split("\\.");
        facts.constraint(parts[parts.length - 1]);
        if (parts.length == 3) {
            facts.table(parts[1]);
        }
    }

    private static List<String> tokens(SQLException e) {
        String[] fromSqlca = Db2Sqlca.errmcTokens(e);
        if (fromSqlca != null) {
            return Arrays.asList(fromSqlca);
        }
        Matcher errmc = ERRMC.matcher(e.getMessage() == null ? "" : e.getMessage());
        return errmc.find() ? Arrays.asList(errmc.group(1).split(";", -1)) : Collections.emptyList();
    }
}
