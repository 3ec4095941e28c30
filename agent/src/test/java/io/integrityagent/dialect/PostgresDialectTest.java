package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Error reports as PostgreSQL 15.20 sends them (checked on this machine through pgjdbc 42.7.14), built into real
 * pgjdbc exceptions; PostgreSQL 18's RESTRICT report and the pre-13 NOT NULL wording are taken from the server
 * sources. Values and names with commas, parentheses and quotes are the hard part: the server prints values
 * unquoted.
 */
class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void isTheDialectOfPostgresql() {
        assertTrue(Dialects.of(DatabaseSystem.POSTGRESQL) instanceof PostgresDialect);
    }

    @Test
    void classifiesByTheSqlStateOfThePlainPsqlException() {
        assertEquals(ViolationKind.UNIQUE, dialect.classify(server("23505", "duplicate key value", null).build()));
        assertEquals(ViolationKind.FOREIGN_KEY, dialect.classify(server("23001", "update or delete", null).build()));
        assertEquals(ViolationKind.EXCLUSION, dialect.classify(server("23P01", "conflicting key", null).build()));
        assertNull(dialect.classify(server("25P02", "current transaction is aborted", null).build()));
    }

    @Test
    void statementRefusedInAnAbortedTransactionOnlyRepeatsTheFailureThatAbortedIt() {
        assertTrue(dialect.repeatsEarlierFailure(server("25P02", "current transaction is aborted, commands ignored"
                + " until end of transaction block", null).build()));
        assertFalse(dialect.repeatsEarlierFailure(server("23505", "duplicate key value", null).build()));
    }

    @Test
    void uniqueNamesConstraintTableColumnAndKeyValueAndRepeatsMessageWithDetail() {
        ViolationFacts facts = describe(server("23505",
                "duplicate key value violates unique constraint \"uq_users_email\"",
                "Key (email)=(ada@example.com) already exists.").constraint("uq_users_email").table("users"));
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("uq_users_email", facts.constraint());
        assertEquals("users", facts.table());
        assertEquals(List.of("email"), facts.columns());
        assertEquals(Map.of("email", "ada@example.com"), facts.reportedValues());
        assertEquals("duplicate key value violates unique constraint \"uq_users_email\". Detail: Key (email)="
                + "(ada@example.com) already exists.", facts.message());
    }

    @Test
    void compositeKeyPairsEachValueWithItsColumn() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq_comp\"",
                "Key (a, b)=(1, x) already exists.").constraint("uq_comp").table("comp"));
        assertEquals(List.of("a", "b"), facts.columns());
        assertEquals(ordered("a", "1", "b", "x"), facts.reportedValues());
    }

    @Test
    void compositeKeyWhoseValueContainsACommaPairsNoValueRatherThanGuess() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq_comp\"",
                "Key (a, b)=(1, x, (y)) already exists.").constraint("uq_comp"));
        assertEquals(List.of("a", "b"), facts.columns());
        assertTrue(facts.reportedValues().isEmpty(), facts.reportedValues().toString());
    }

    @Test
    void singleColumnKeyTakesTheWholeValueWithItsCommasAndParentheses() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq_n\"",
                "Key (name)=(Smith, John (Jr.)) already exists.").constraint("uq_n"));
        assertEquals(Map.of("name", "Smith, John (Jr.)"), facts.reportedValues());
    }

    @Test
    void rangeAndArrayValuesWithoutSpaceAfterTheirCommasStillPair() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq_r\"",
                "Key (room, during, tags)=(101, [\"2024-01-01 10:00:00\",\"2024-01-01 12:00:00\"), {a,b})"
                        + " already exists.").constraint("uq_r"));
        assertEquals(ordered("room", "101", "during", "[\"2024-01-01 10:00:00\",\"2024-01-01 12:00:00\")",
                "tags", "{a,b}"), facts.reportedValues());
    }

    @Test
    void nullInAKeyIsPrintedBareAndKeptAsPrinted() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq_comp\"",
                "Key (a, b)=(1, null) already exists.").constraint("uq_comp"));
        assertEquals(ordered("a", "1", "b", "null"), facts.reportedValues());
    }

    @Test
    void quotedColumnNamesAreUnquotedAndExpressionsKeptAsWritten() {
        ViolationFacts quoted = describe(server("23505", "duplicate key value violates unique constraint \"Uq \"x\"\"",
                "Key (\"Mixed Col\", \"say \"\"hi\"\"\", plain)=(v, w, 3) already exists.").constraint("Uq \"x\""));
        assertEquals("Uq \"x\"", quoted.constraint());
        assertEquals(List.of("Mixed Col", "say \"hi\"", "plain"), quoted.columns());
        assertEquals("w", quoted.reportedValues().get("say \"hi\""));

        ViolationFacts expression = describe(server("23505", "duplicate key value violates unique constraint \"ix\"",
                "Key (lower(email), COALESCE(region, 'a, b'::text))=(ada@example.com, eu) already exists."));
        assertEquals(List.of("lower(email)", "COALESCE(region, 'a, b'::text)"), expression.columns());
        assertEquals("eu", expression.reportedValues().get("COALESCE(region, 'a, b'::text)"));
    }

    @Test
    void missingDetailLeavesColumnsAndValuesUnknown() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq\"", null)
                .constraint("uq").table("t"));
        assertEquals("uq", facts.constraint());
        assertTrue(facts.columns().isEmpty());
        assertTrue(facts.reportedValues().isEmpty());
        assertEquals("duplicate key value violates unique constraint \"uq\"", facts.message());
    }

    @Test
    void detailLeftOutOfTheMessageTextByLogServerErrorDetailIsStillRead() {
        PSQLException e = new PSQLException(new ServerErrorMessage(server("23505",
                "duplicate key value violates unique constraint \"uq_users_email\"",
                "Key (email)=(ada@example.com) already exists.").constraint("uq_users_email").fields()), false);
        assertFalse(e.getMessage().contains("Detail"), e.getMessage());
        ViolationFacts facts = describe(e);
        assertEquals(Map.of("email", "ada@example.com"), facts.reportedValues());
        assertTrue(facts.message().endsWith("Detail: Key (email)=(ada@example.com) already exists."));
    }

    @Test
    void sqlTheServerAddsUnderWhereIsNeverRepeated() {
        ViolationFacts facts = describe(server("23505", "duplicate key value violates unique constraint \"uq\"",
                "Key (id)=(1) already exists.").with('W', "SQL statement \"INSERT INTO t VALUES (1)\"")
                .with('q', "INSERT INTO t VALUES (1)"));
        assertFalse(facts.message().contains("INSERT"), facts.message());
    }

    @Test
    void withoutTheServerFieldsTheMessageTextIsRead() {
        SQLException e = new SQLException("ERROR: duplicate key value violates unique constraint \"uq_users_email\"\n"
                + "  Detail: Key (email)=(ada@example.com) already exists.\n"
                + "  Where: SQL statement \"INSERT INTO users VALUES (2)\"", "23505");
        ViolationFacts facts = describe(e);
        assertEquals("uq_users_email", facts.constraint());
        assertNull(facts.table(), "the message does not name the table of a unique violation");
        assertEquals(Map.of("email", "ada@example.com"), facts.reportedValues());
        assertEquals("duplicate key value violates unique constraint \"uq_users_email\". Detail: Key (email)="
                + "(ada@example.com) already exists.", facts.message());
    }

    @Test
    void batchExceptionWithoutTheServersExceptionBehindItIsReadWithoutTheEntrysSql() {
        ViolationFacts facts = describe(new BatchUpdateException("Batch entry 1 INSERT INTO t (id) VALUES"
                + " (('1'::int4)) was aborted: ERROR: duplicate key value violates unique constraint \"t_pkey\"\n"
                + "  Detail: Key (id)=(1) already exists.  Call getNextException to see other errors in the batch.",
                "23505", 0, new int[] {-3, -3}));
        assertEquals("t_pkey", facts.constraint());
        assertEquals(Map.of("id", "1"), facts.reportedValues());
        assertEquals("duplicate key value violates unique constraint \"t_pkey\". Detail: Key (id)=(1) already"
                + " exists.", facts.message());
    }

    @Test
    void missingParentIsAChildSideForeignKeyWithReferencedTableAndValue() {
        ViolationFacts facts = describe(server("23503",
                "insert or update on table \"child\" violates foreign key constraint \"fk_child_parent\"",
                "Key (parent_id)=(999) is not present in table \"parent\".").constraint("fk_child_parent")
                .table("child"));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("fk_child_parent", facts.constraint());
        assertEquals("child", facts.table());
        assertEquals("parent", facts.referencedTable());
        assertEquals(List.of("parent_id"), facts.columns());
        assertEquals(Map.of("parent_id", "999"), facts.reportedValues());
    }

    @Test
    void missingParentReadFromTheMessageTextAlone() {
        ViolationFacts facts = describe(new SQLException("ERROR: insert or update on table \"child\" violates"
                + " foreign key constraint \"fk_child_parent\"\n  Detail: Key (a, b)=(1, 2) is not present in table"
                + " \"parent\".", "23503"));
        assertEquals("fk_child_parent", facts.constraint());
        assertEquals("child", facts.table());
        assertEquals("parent", facts.referencedTable());
        assertEquals(ordered("a", "1", "b", "2"), facts.reportedValues());
    }

    @Test
    void missingParentWithoutPermissionToSeeTheKeyStillNamesTheReferencedTable() {
        ViolationFacts facts = describe(server("23503",
                "insert or update on table \"child\" violates foreign key constraint \"fk\"",
                "Key is not present in table \"parent\".").constraint("fk").table("child"));
        assertEquals("parent", facts.referencedTable());
        assertTrue(facts.columns().isEmpty());
    }

    @Test
    void deletedParentIsParentSideWithTheChildAsTableAndTheParentKey() {
        ViolationFacts facts = describe(server("23503", "update or delete on table \"parent\" violates foreign key"
                + " constraint \"fk_child_parent\" on table \"child\"",
                "Key (id)=(1) is still referenced from table \"child\".").constraint("fk_child_parent")
                .table("child"));
        assertTrue(facts.parentSide());
        assertEquals("fk_child_parent", facts.constraint());
        assertEquals("child", facts.table());
        assertEquals("parent", facts.referencedTable());
        assertEquals(List.of("id"), facts.referencedColumns());
        assertTrue(facts.columns().isEmpty(), "the server does not name the child's columns");
        assertEquals(Map.of("id", "1"), facts.reportedValues());
    }

    @Test
    void restrictOfPostgresql18IsAParentSideForeignKey() {
        ViolationFacts facts = describe(server("23001", "update or delete on table \"parent\" violates RESTRICT"
                + " setting of foreign key constraint \"fk_rchild\" on table \"rchild\"",
                "Key (id)=(1) is referenced from table \"rchild\".").constraint("fk_rchild").table("rchild"));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertTrue(facts.parentSide());
        assertEquals("fk_rchild", facts.constraint());
        assertEquals("rchild", facts.table());
        assertEquals("parent", facts.referencedTable());
        assertEquals(List.of("id"), facts.referencedColumns());
        assertEquals(Map.of("id", "1"), facts.reportedValues());
    }

    @Test
    void notNullNamesColumnAndTableAndLeavesTheFailingRowOut() {
        ViolationFacts facts = describe(server("23502",
                "null value in column \"code\" of relation \"parent\" violates not-null constraint",
                "Failing row contains (3, null, s3cret-pw, 1).").table("parent").column("code"));
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals(List.of("code"), facts.columns());
        assertEquals("parent", facts.table());
        assertNull(facts.constraint());
        assertEquals("null value in column \"code\" of relation \"parent\" violates not-null constraint",
                facts.message());
    }

    @Test
    void notNullInTheWordingBeforePostgresql13NamesTheColumn() {
        ViolationFacts facts = describe(new SQLException(
                "ERROR: null value in column \"code\" violates not-null constraint\n"
                        + "  Detail: Failing row contains (3, null).", "23502"));
        assertEquals(List.of("code"), facts.columns());
        assertNull(facts.table());
        ViolationFacts current = describe(new SQLException(
                "ERROR: null value in column \"code\" of relation \"parent\" violates not-null constraint", "23502"));
        assertEquals(List.of("code"), current.columns());
        assertEquals("parent", current.table());
    }

    @Test
    void checkNamesConstraintAndTableAndNeverRepeatsTheRowWithItsStoredSecrets() {
        ViolationFacts facts = describe(server("23514",
                "new row for relation \"users\" violates check constraint \"ck_users_age\"",
                "Failing row contains (1, Ada, ada@example.com, 12, s3cret-ada).").constraint("ck_users_age")
                .table("users"));
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("ck_users_age", facts.constraint());
        assertEquals("users", facts.table());
        assertFalse(facts.message().contains("s3cret-ada"), facts.message());
        ViolationFacts fromText = describe(new SQLException("ERROR: new row for relation \"users\" violates check"
                + " constraint \"ck_users_age\"", "23514"));
        assertEquals("ck_users_age", fromText.constraint());
        assertEquals("users", fromText.table());
    }

    @Test
    void exclusionNamesTheKeyOfTheNewRowButNotTheExistingOne() {
        ViolationFacts facts = describe(server("23P01",
                "conflicting key value violates exclusion constraint \"ex_booking\"",
                "Key (during)=([\"2024-01-01 11:00:00\",\"2024-01-01 13:00:00\")) conflicts with existing key"
                        + " (during)=([\"2024-01-01 10:00:00\",\"2024-01-01 12:00:00\")).")
                .constraint("ex_booking").table("booking"));
        assertEquals(ViolationKind.EXCLUSION, facts.kind());
        assertEquals("ex_booking", facts.constraint());
        assertEquals("booking", facts.table());
        assertEquals(List.of("during"), facts.columns());
        assertEquals(Map.of("during", "[\"2024-01-01 11:00:00\",\"2024-01-01 13:00:00\")"), facts.reportedValues());
        assertEquals("conflicting key value violates exclusion constraint \"ex_booking\". Detail: Key (during)="
                + "([\"2024-01-01 11:00:00\",\"2024-01-01 13:00:00\")) conflicts with existing key.", facts.message());
    }

    @Test
    void exclusionOverSeveralColumnsPairsTheNewRowsValues() {
        ViolationFacts facts = describe(server("23P01", "conflicting key value violates exclusion constraint \"ex\"",
                "Key (room, during)=(101, [1,5)) conflicts with existing key (room, during)=(101, [3,9)).")
                .constraint("ex"));
        assertEquals(ordered("room", "101", "during", "[1,5)"), facts.reportedValues());
    }

    @Test
    void batchEntryIsReadFromPgjdbcsMessage() {
        assertEquals(1, dialect.failedBatchEntry(batch("Batch entry 1 INSERT INTO parent (id, code) VALUES"
                + " (('11'::int4), ('A')) was aborted: ERROR: duplicate key value violates unique constraint"
                + " \"uq_parent_code\"\n  Detail: Key (code)=(A) already exists.  Call getNextException to see other"
                + " errors in the batch.")));
        assertEquals(2, dialect.failedBatchEntry(batch("Batch entry 2 <unknown> was aborted: ERROR: duplicate key"
                + " value violates unique constraint \"uq\"  Call getNextException to see other errors in the"
                + " batch.")));
        assertEquals(-1, dialect.failedBatchEntry(batch("something else entirely")));
    }

    @Test
    void batchEntryOfAMultiRowInsertRewrittenByTheDriverIsUnknown() {
        assertEquals(-1, dialect.failedBatchEntry(batch("Batch entry 0 INSERT INTO parent (id, code) VALUES"
                + " (('10'::int4), ('Q0')),(('11'::int4), ('A')) was aborted: ERROR: duplicate key value violates"
                + " unique constraint \"uq_parent_code\"  Call getNextException to see other errors in the batch.")));
    }

    @Test
    void unquotedNamesFoldToLowerCase() {
        assertEquals("users", dialect.canonicalName("USERS"));
        assertEquals("api_clients", dialect.canonicalName("Api_Clients"));
        assertEquals("Mixed Col", dialect.canonicalName("Mixed Col"));
        assertNull(dialect.canonicalName(null));
    }

    @Test
    void upsertAdviceIsInsertOnConflict() {
        assertEquals("use PostgreSQL's INSERT INTO users (…) VALUES (…) ON CONFLICT (team, member) DO UPDATE SET …"
                        + " to update the existing row instead (or DO NOTHING to keep it)",
                dialect.upsertAdvice("users", List.of("team", "member")));
    }

    private ViolationFacts describe(ServerFields fields) {
        return describe(fields.build());
    }

    private ViolationFacts describe(SQLException e) {
        return DialectReports.describe(dialect, e);
    }

    private static BatchUpdateException batch(String message) {
        return new BatchUpdateException(message, "23505", 0, new int[] {-3, -3, -3});
    }

    private static Map<String, String> ordered(String... columnsAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            map.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return map;
    }

    private static ServerFields server(String state, String message, String detail) {
        ServerFields fields = new ServerFields().with('S', "ERROR").with('V', "ERROR").with('C', state)
                .with('M', message);
        return detail == null ? fields : fields.with('D', detail);
    }

    /** The fields of an ErrorResponse as the server sends them: a type byte, the text, a zero byte. */
    private static final class ServerFields {
        private final StringBuilder fields = new StringBuilder();

        ServerFields with(char type, String value) {
            fields.append(type).append(value).append('\0');
            return this;
        }

        ServerFields constraint(String name) {
            return with('n', name);
        }

        ServerFields table(String name) {
            return with('s', "app").with('t', name);
        }

        ServerFields column(String name) {
            return with('c', name);
        }

        String fields() {
            return fields.toString();
        }

        PSQLException build() {
            return new PSQLException(new ServerErrorMessage(fields()));
        }
    }
}
