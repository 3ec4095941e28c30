package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.capture.StatementCapture;
import io.integrityagent.model.ViolationReport;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failing batch entry or VALUES row told from the values the database echoed, when the driver does not say
 * which it was: exceptions shaped as the drivers throw them (MariaDB Connector/J's bulk batch, pgjdbc's rewritten
 * batch, H2 and PostgreSQL multi-row inserts), through the agent's whole report path.
 */
class FailingEntryReportsTest {

    private static final String INSERT = "INSERT INTO users (id, email, name) VALUES (?, ?, ?)";

    @Test
    void mariadbBulkBatchNamesTheOnlyEntryCarryingTheDuplicateValue() {
        ViolationReport report = single(mariadbBulk("Duplicate entry 'ada@example.com' for key 'uq_users_email'",
                1062), DialectReports.preparedBatch(INSERT, new Object[] {10, "a@x", "A"},
                new Object[] {11, "ada@example.com", "B"}, new Object[] {12, "c@x", "C"}));
        assertEquals("mariadb", report.db());
        assertEquals(Integer.valueOf(1), report.batchIndex());
        assertEquals(List.of("11", "'ada@example.com'", "'B'"), report.parameters());
        assertEquals("the driver did not say which entry failed; entry 1 (0-based) is the only one that carries"
                + " the key value 'ada@example.com'", report.failingEntry());
    }

    @Test
    void mariadbBulkBatchSaysWhenSeveralEntriesCarryTheDuplicateValue() {
        ViolationReport report = single(mariadbBulk("Duplicate entry 'z@x' for key 'uq_users_email'", 1062),
                DialectReports.preparedBatch(INSERT, new Object[] {20, "z@x", "A"}, new Object[] {21, "y@x", "B"},
                        new Object[] {22, "z@x", "C"}, new Object[] {23, "w@x", "D"}));
        assertNull(report.batchIndex());
        assertNull(report.parameters(), "which entry's parameters they were is not known");
        assertEquals("the failing entry could not be told apart: entries 0 and 2 (0-based) both carry the key"
                + " value 'z@x'", report.failingEntry());
    }

    @Test
    void mariadbBulkBatchTellsTheEntryThatSentNullForANotNullColumn() {
        ViolationReport report = single(mariadbBulk("Column 'name' cannot be null", 1048),
                DialectReports.preparedBatch(INSERT, new Object[] {30, "n0@x", "A"}, new Object[] {31, "n1@x", null},
                        new Object[] {32, "n2@x", "C"}));
        assertEquals(Integer.valueOf(1), report.batchIndex());
        assertEquals("NULL", report.values().get("name"));
        assertEquals("the driver did not say which entry failed; entry 1 (0-based) is the only one that carries"
                + " name = NULL", report.failingEntry());
    }

    @Test
    void pgjdbcRewrittenBatchIsToldByTheKeyInTheDetail() {
        ViolationReport report = single(pgjdbcRewrittenBatch("Key (email)=(ada@example.com) already exists."),
                DialectReports.preparedBatch(INSERT, new Object[] {10, "a@x", "A"},
                        new Object[] {11, "ada@example.com", "B"}, new Object[] {12, "c@x", "C"}));
        assertEquals("postgresql", report.db());
        assertEquals(Integer.valueOf(1), report.batchIndex());
        assertEquals("'ada@example.com'", report.values().get("email"));
        assertEquals("the driver did not say which entry failed; entry 1 (0-based) is the only one that carries"
                + " email = 'ada@example.com'", report.failingEntry());
    }

    /** Three entries rewritten into a statement of two rows and one of one: pgjdbc's entry 1 is the third. */
    @Test
    void pgjdbcsOwnNumberOfARewrittenLastRowIsNotTakenForTheEntrysWhenItsValuesDiffer() {
        ViolationReport report = single(pgjdbcRewrittenBatch(
                "Batch entry 1 INSERT INTO users (id, email, name) VALUES (('20'::int4), ('z@x'), ('again'))",
                "Key (id)=(20) already exists."), DialectReports.preparedBatch(INSERT, new Object[] {20, "z@x", "A"},
                        new Object[] {21, "y@x", "B"}, new Object[] {20, "z@x", "again"}));
        assertNull(report.batchIndex(), "entry 1 carries 21, not the 20 pgjdbc shows");
        assertEquals("the failing entry could not be told apart: entries 0 and 2 (0-based) both carry id = 20",
                report.failingEntry());
    }

    @Test
    void pgjdbcsEntryNumberStandsWhenTheValuesItShowsAreTheEntrys() {
        ViolationReport report = single(pgjdbcRewrittenBatch(
                "Batch entry 1 INSERT INTO users (id, email, name) VALUES (('21'::int4), ('y@x'), ('B'))",
                "Key (id)=(21) already exists."), DialectReports.preparedBatch(INSERT, new Object[] {20, "z@x", "A"},
                        new Object[] {21, "y@x", "B"}, new Object[] {22, "w@x", "C"}));
        assertEquals(Integer.valueOf(1), report.batchIndex());
    }

    @Test
    void ambiguousEntriesDoNotShowASecretTheyCarry() {
        String insert = "INSERT INTO api_clients (id, api_token) VALUES (?, ?)";
        ViolationReport report = single(pgjdbcRewrittenBatch("Key (api_token)=(tok-4711) already exists."),
                DialectReports.preparedBatch(insert, new Object[] {1, "tok-4711"}, new Object[] {2, "tok-4711"}));
        assertNull(report.batchIndex());
        assertEquals("the failing entry could not be told apart: entries 0 and 1 (0-based) both carry"
                + " api_token = ****", report.failingEntry());
        assertFalse(report.failingEntry().contains("tok-4711"));
    }

    @Test
    void batchOfEntriesThatCannotBeComparedIsLeftUnknown() {
        ViolationReport report = single(mariadbBulk("Duplicate entry 'ada@example.com' for key 'uq_users_email'",
                1062), DialectReports.preparedBatch("INSERT INTO users (id, email) VALUES (?, lower(?))",
                new Object[] {10, "a@x"}, new Object[] {11, "ada@example.com"}));
        assertNull(report.batchIndex());
        assertNull(report.failingEntry());
    }

    @Test
    void h2MultiRowInsertPairsTheRowWhoseValueTheMessageShows() {
        String sql = "INSERT INTO users (id, email, name) VALUES (40, 'p@x', 'n'), (41, 'ada@example.com', 'n'),"
                + " (42, 'q@x', 'n')";
        SQLException e = h2("Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL INDEX"
                + " PUBLIC.UQ_USERS_EMAIL_INDEX_3 ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 1 */"
                + " 'ada@example.com' )\"; SQL statement:\n" + sql + " [23505-252]", "23505");
        ViolationReport report = single(e, plain(sql), false);
        assertEquals("'ada@example.com'", report.values().get("EMAIL"));
        assertEquals("row 1 (0-based) of the VALUES list is the only one that carries EMAIL = 'ada@example.com'",
                report.failingEntry());
        assertNull(report.batchIndex());
    }

    @Test
    void multiRowInsertWithTheSameValueInTwoRowsSaysItCannotTell() {
        String sql = "INSERT INTO users (id, email, name) VALUES (50, 'z@x', 'n'), (51, 'y@x', 'n'), (52, 'z@x', 'n')";
        SQLException e = h2("Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL INDEX"
                + " PUBLIC.UQ_USERS_EMAIL_INDEX_3 ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 50 */ 'z@x' )\"",
                "23505");
        ViolationReport report = single(e, plain(sql), false);
        assertEquals("the failing row could not be told apart: rows 0 and 2 (0-based) of the VALUES list both"
                + " carry EMAIL = 'z@x'", report.failingEntry());
    }

    @Test
    void postgresqlMultiRowPreparedInsertPairsTheBoundValuesOfTheFailingRow() {
        SQLException e = postgres("ERROR: duplicate key value violates unique constraint \"users_pkey\"\n"
                + "  Detail: Key (id)=(1) already exists.", "23505");
        ViolationReport report = single(e, DialectReports.prepared(
                "INSERT INTO users (id, email, name) VALUES (?, ?, ?), (?, ?, ?)", 50, "r@x", "R", 1, "s@x", "S"),
                false);
        assertEquals("1", report.values().get("id"));
        assertEquals("row 1 (0-based) of the VALUES list is the only one that carries id = 1",
                report.failingEntry());
        assertTrue(report.explanation().contains("id = 1"), report.explanation());
    }

    @Test
    void checkOnAMultiRowInsertShowsNoRowsValuesAsIfTheyWereTheFailingOnes() {
        String sql = "INSERT INTO users (id, email, age) VALUES (60, 'a@x', 30), (61, 'b@x', 12)";
        SQLException e = h2("Check constraint violation: \"CK_USERS_AGE: \"", "23513");
        ViolationReport report = single(e, plain(sql), false);
        assertTrue(report.values().isEmpty(), report.values().toString());
        assertNull(report.failingEntry());
    }

    private static ViolationReport single(Throwable thrown, StatementCapture capture) {
        return single(thrown, capture, true);
    }

    private static ViolationReport single(Throwable thrown, StatementCapture capture, boolean batch) {
        List<ViolationReport> reports = DialectReports.of(thrown, capture, batch);
        assertEquals(1, reports.size(), reports.toString());
        return reports.get(0);
    }

    private static StatementCapture plain(String sql) {
        StatementCapture capture = new StatementCapture();
        capture.prepared(sql);
        return capture;
    }

    /** MariaDB Connector/J's bulk batch: the whole batch fails, every count -3, and nothing names the entry. */
    private static BatchUpdateException mariadbBulk(String serverMessage, int code) {
        String message = "(conn=101) " + serverMessage;
        SQLException violation = from("org.mariadb.jdbc.message.ClientMessage",
                new SQLIntegrityConstraintViolationException(message, "23000", code));
        BatchUpdateException inner = new BatchUpdateException(message, "23000", code, new int[] {-2, -3, -3},
                violation);
        return from("org.mariadb.jdbc.ClientPreparedStatement",
                new BatchUpdateException(message, "23000", code, new int[] {-3, -3, -3}, inner));
    }

    /** pgjdbc with reWriteBatchedInserts=true: the entry it names is its own multi-row INSERT. */
    private static BatchUpdateException pgjdbcRewrittenBatch(String detail) {
        return pgjdbcRewrittenBatch("Batch entry 0 INSERT INTO t (id, v) VALUES (('1'::int4), ('a')),(('2'::int4),"
                + " ('b'))", detail);
    }

    private static BatchUpdateException pgjdbcRewrittenBatch(String entry, String detail) {
        String server = "ERROR: duplicate key value violates unique constraint \"uq\"\n  Detail: " + detail;
        SQLException violation = postgres(server, "23505");
        BatchUpdateException batch = from("org.postgresql.jdbc.BatchResultHandler", new BatchUpdateException(
                entry + " was aborted: " + server + "  Call getNextException to see other errors in the batch.",
                "23505", 0, new int[] {-3, -3, -3}, violation));
        batch.setNextException(violation);
        return batch;
    }

    private static SQLException postgres(String message, String state) {
        return from("org.postgresql.core.v3.QueryExecutorImpl", new SQLException(message, state));
    }

    private static SQLException h2(String message, String state) {
        return from("org.h2.message.DbException", new SQLIntegrityConstraintViolationException(message, state,
                Integer.parseInt(state)));
    }

    /** The exception as thrown from inside the driver {@code driverClass} belongs to. */
    private static <T extends SQLException> T from(String driverClass, T e) {
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(driverClass, "execute", null, 1)});
        return e;
    }
}
