package io.integrityagent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.StatementCapture;
import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.dialect.Dialects;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.recognition.ViolationRecognizer;
import io.integrityagent.sql.SqlOperation;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The analysis with no catalog to ask (no statement): what the message and the statement alone tell. */
class ViolationAnalysisTest {

    private static final Dialect MYSQL = Dialects.of(DatabaseSystem.MYSQL);
    private static final String INSERT_USER = "INSERT INTO users (id, email) VALUES (?, ?)";

    private final ViolationAnalysis analysis = new ViolationAnalysis(new CatalogLookup(Callable::call));

    @Test
    void aSingleStatementIsTakenAsSentWithTheFactsItsDialectRead() {
        StatementCapture capture = prepared(INSERT_USER, 7, "ann@example.com");

        ResolvedViolation resolved = resolve(duplicate("ann@example.com"), capture, false);

        assertEquals(ViolationKind.UNIQUE, resolved.kind());
        assertEquals("uk_users_email", resolved.facts().constraint());
        assertEquals("ann@example.com", resolved.facts().keyValue());
        assertEquals(INSERT_USER, resolved.sql());
        assertEquals(SqlOperation.INSERT, resolved.shape().operation());
        assertEquals("users", resolved.table(), "the statement's table where the database named none");
        assertEquals(7, resolved.parameters().value(1));
        assertNull(resolved.batchIndex());
        assertNull(resolved.referencedTable(), "no foreign key");
    }

    @Test
    void aBatchOfOneEntryIsThatEntryWithoutNamingAnEntry() {
        StatementCapture capture = batch(INSERT_USER, new Object[] {1, "ann@example.com"});

        ResolvedViolation resolved = resolve(inBatch(duplicate("ann@example.com"), Statement.EXECUTE_FAILED),
                capture, true);

        assertNull(resolved.batchIndex());
        assertEquals("ann@example.com", resolved.parameters().value(2));
    }

    @Test
    void theFailedEntryTheDriverCountedIsTheOneShown() {
        StatementCapture capture = batch(INSERT_USER, new Object[] {1, "ann@example.com"},
                new Object[] {2, "bob@example.com"});

        ResolvedViolation resolved = resolve(inBatch(duplicate("bob@example.com"), 1), capture, true);

        assertEquals(1, resolved.batchIndex(), "one count for two entries: the second failed");
        assertEquals("bob@example.com", resolved.parameters().value(2));
        assertEquals(FailingEntry.UNKNOWN, resolved.failingEntry(), "nothing needed inferring");
    }

    @Test
    void whenTheDriverDoesNotSayTheEntryCarryingTheEchoedKeyIsTheFailedOne() {
        StatementCapture capture = batch(INSERT_USER, new Object[] {1, "ann@example.com"},
                new Object[] {2, "bob@example.com"}, new Object[] {3, "cy@example.com"});

        ResolvedViolation resolved = resolve(inBatch(duplicate("bob@example.com"), Statement.EXECUTE_FAILED,
                Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED), capture, true);

        assertEquals(1, resolved.batchIndex());
        assertEquals(1, resolved.failingEntry().index());
        assertEquals("bob@example.com", resolved.parameters().value(2));
    }

    @Test
    void theRowOfAMultiRowInsertCarryingTheEchoedKeyIsTheOneWhoseValuesAreSent() {
        String sql = "INSERT INTO users (id, email) VALUES (1, 'ann@example.com'), (2, 'bob@example.com')";

        ResolvedViolation resolved = resolve(duplicate("bob@example.com"), plain(sql), false);

        assertEquals(1, resolved.failingEntry().index());
        assertEquals("'bob@example.com'", String.valueOf(resolved.sent().valueOf("email")));
    }

    @Test
    void aDeleteBreaksAForeignKeyOnTheParentSideWhoseTableIsTheStatements() {
        SQLException refused = new SQLIntegrityConstraintViolationException("Cannot delete or update a parent row: a"
                + " foreign key constraint fails (`shop`.`orders`, CONSTRAINT `fk_orders_customer` FOREIGN KEY"
                + " (`customer_id`) REFERENCES `customers` (`id`))", "23000", 1451);

        ResolvedViolation resolved = resolve(refused, prepared("DELETE FROM customers WHERE id = ?", 7), false);

        assertTrue(resolved.facts().parentSide());
        assertEquals("customers", resolved.table());
        assertEquals("customers", resolved.referencedTable());
        assertEquals("orders", resolved.referencingTable());
        assertEquals(List.of("id"), resolved.columns(), "the parent's columns on the parent side");
    }

    @Test
    void aMissingParentIsTheChildSide() {
        SQLException refused = new SQLIntegrityConstraintViolationException("Cannot add or update a child row: a"
                + " foreign key constraint fails (`shop`.`orders`, CONSTRAINT `fk_orders_customer` FOREIGN KEY"
                + " (`customer_id`) REFERENCES `customers` (`id`))", "23000", 1452);

        ResolvedViolation resolved = resolve(refused,
                prepared("INSERT INTO orders (id, customer_id) VALUES (?, ?)", 1, 42), false);

        assertFalse(resolved.facts().parentSide());
        assertEquals("orders", resolved.table());
        assertEquals("customers", resolved.referencedTable());
        assertEquals(List.of("customer_id"), resolved.columns());
        assertEquals(42, resolved.sent().valueOf("customer_id"));
    }

    @Test
    void anInsertWithoutColumnListIntoATableTheCatalogCannotTellMayHoldASecret() {
        ResolvedViolation resolved = resolve(duplicate("ann@example.com"),
                prepared("INSERT INTO users VALUES (?, ?)", 7, "ann@example.com"), false);

        assertTrue(resolved.tableMayHoldColumnMatching(column -> false));
        assertFalse(resolve(duplicate("ann@example.com"), prepared(INSERT_USER, 7, "ann@example.com"), false)
                .tableMayHoldColumnMatching(column -> true), "its columns are named");
    }

    private ResolvedViolation resolve(SQLException thrown, StatementCapture capture, boolean batch) {
        List<RecognizedViolation> violations = ViolationRecognizer.recognize(ViolationRecognizer.chainOf(thrown),
                MYSQL);
        assertEquals(1, violations.size());
        return analysis.resolve(new FailedExecution(thrown, null, capture, null, batch), violations.get(0), 0,
                MYSQL);
    }

    private static SQLException duplicate(String email) {
        return new SQLIntegrityConstraintViolationException("Duplicate entry '" + email
                + "' for key 'users.uk_users_email'", "23000", 1062);
    }

    private static SQLException inBatch(SQLException cause, int... counts) {
        return new BatchUpdateException(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), counts,
                cause);
    }

    private static StatementCapture plain(String sql) {
        StatementCapture capture = new StatementCapture();
        capture.prepared(sql);
        return capture;
    }

    private static StatementCapture prepared(String sql, Object... values) {
        StatementCapture capture = plain(sql);
        for (int i = 0; i < values.length; i++) {
            capture.parameters().setObject(i + 1, values[i]);
        }
        return capture;
    }

    private static StatementCapture batch(String sql, Object[]... entries) {
        StatementCapture capture = plain(sql);
        for (Object[] entry : entries) {
            for (int i = 0; i < entry.length; i++) {
                capture.parameters().setObject(i + 1, entry[i]);
            }
            capture.holdBatchEntry();
            capture.addHeldBatchEntry();
        }
        return capture;
    }
}
