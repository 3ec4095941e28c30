package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Messages as xerial sqlite-jdbc 3.54.1.0 (SQLite 3.54.1) writes them, checked on this machine. */
class SqliteDialectTest {

    private final SqliteDialect dialect = new SqliteDialect();

    @Test
    void primaryKeyIsAUniqueViolationThoughTheStateIsNull() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY,
                "A PRIMARY KEY constraint failed (UNIQUE constraint failed: parent.id)");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertNull(facts.sqlState());
        assertEquals(19, facts.vendorCode());
        assertNull(facts.constraint());
        assertEquals("parent", facts.table());
        assertEquals(List.of("id"), facts.columns());
    }

    @Test
    void compositeUniqueNamesTableAndEveryColumnButNotTheConstraint() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE,
                "A UNIQUE constraint failed (UNIQUE constraint failed: comp.a, comp.b)");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertNull(facts.constraint());
        assertEquals("comp", facts.table());
        assertEquals(List.of("a", "b"), facts.columns());
    }

    @Test
    void uniqueIndexOnAnExpressionIsNamedByTheIndexAlone() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE,
                "A UNIQUE constraint failed (UNIQUE constraint failed: index 'ix_lower')");
        assertEquals("ix_lower", facts.constraint());
        assertNull(facts.table());
        assertTrue(facts.columns().isEmpty());
    }

    @Test
    void namesWithSpacesAreKeptAsWritten() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY,
                "A PRIMARY KEY constraint failed (UNIQUE constraint failed: my table.my id)");
        assertEquals("my table", facts.table());
        assertEquals(List.of("my id"), facts.columns());
    }

    @Test
    void duplicateRowidIsAUniqueViolation() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_ROWID,
                "rowid is not unique (UNIQUE constraint failed: r.rowid)");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals(List.of("rowid"), facts.columns());
    }

    @Test
    void notNullNamesTableAndColumn() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL,
                "A NOT NULL constraint failed (NOT NULL constraint failed: parent.code)");
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals("parent", facts.table());
        assertEquals(List.of("code"), facts.columns());
    }

    @Test
    void namedCheckShowsItsNameAndUnnamedCheckItsCondition() {
        ViolationFacts named = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK,
                "A CHECK constraint failed (CHECK constraint failed: ck_parent_qty)");
        assertEquals(ViolationKind.CHECK, named.kind());
        assertEquals("ck_parent_qty", named.constraint());
        assertNull(named.checkExpression());
        ViolationFacts unnamed = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK,
                "A CHECK constraint failed (CHECK constraint failed: length(name) > 2)");
        assertNull(unnamed.constraint());
        assertEquals("length(name) > 2", unnamed.checkExpression());
    }

    @Test
    void foreignKeyMessageStatesNothingSoNothingIsFilledIn() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY,
                "A foreign key constraint failed (FOREIGN KEY constraint failed)");
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertNull(facts.constraint());
        assertNull(facts.table());
        assertNull(facts.referencedTable());
        assertTrue(facts.columns().isEmpty());
        assertFalse(facts.parentSide());
    }

    @Test
    void strictTableTypeMismatchIsAnOtherViolationOnItsColumn() {
        ViolationFacts facts = describe(SQLiteErrorCode.SQLITE_CONSTRAINT_DATATYPE, "An insert or update attempted"
                + " to store a value inconsistent with the column's declared type in a table defined as STRICT"
                + " (cannot store TEXT value in INT column st.x)");
        assertEquals(ViolationKind.OTHER, facts.kind());
        assertEquals("st", facts.table());
        assertEquals(List.of("x"), facts.columns());
    }

    @Test
    void triggerRaiseIsAnOtherViolation() {
        assertEquals(ViolationKind.OTHER, dialect.classify(new SQLiteException("[SQLITE_CONSTRAINT_TRIGGER] A RAISE"
                + " function within a trigger fired, causing the SQL statement to abort (no way)",
                SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER)));
    }

    @Test
    void otherSqliteErrorsAreNotViolations() {
        assertNull(dialect.classify(new SQLiteException("[SQLITE_ERROR] SQL error or missing database (near"
                + " \"INSRT\": syntax error)", SQLiteErrorCode.SQLITE_ERROR)));
        assertNull(dialect.classify(new SQLiteException("[SQLITE_BUSY] The database file is locked (database is"
                + " locked)", SQLiteErrorCode.SQLITE_BUSY)));
    }

    @Test
    void kindIsReadFromTheMessageWhenTheExceptionHasNoResultCode() {
        SQLException plain = new SQLException("[SQLITE_CONSTRAINT_NOTNULL] A NOT NULL constraint failed (NOT NULL"
                + " constraint failed: parent.code)", null, 19);
        assertEquals(ViolationKind.NOT_NULL, dialect.classify(plain));
        SQLException primaryOnly = new SQLException("[SQLITE_CONSTRAINT] Abort due to constraint violation (CHECK"
                + " constraint failed: ck_qty)", null, 19);
        assertEquals(ViolationKind.CHECK, dialect.classify(primaryOnly));
    }

    @Test
    void plainStatementBatchNamesTheFailingEntryZeroBased() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 1: [SQLITE_CONSTRAINT_FOREIGNKEY] A foreign"
                + " key constraint failed (FOREIGN KEY constraint failed)", null, 0, new int[] {1, 0, 0});
        assertEquals(1, dialect.failedBatchEntry(batch));
        assertNull(dialect.classify(batch), "the SQLiteException chained behind it is the violation");
    }

    @Test
    void upsertAdviceUsesOnConflict() {
        assertEquals("use SQLite's INSERT INTO users (…) VALUES (…) ON CONFLICT (email) DO UPDATE SET … to update"
                + " the existing row instead (or INSERT OR IGNORE to keep it)", dialect.upsertAdvice("users",
                List.of("email")));
    }

    @Test
    void namesAreKeptAsWritten() {
        assertEquals("users", dialect.canonicalName("users"));
    }

    private ViolationFacts describe(SQLiteErrorCode code, String text) {
        return DialectReports.describe(dialect, new SQLiteException("[" + code.name() + "] " + text, code));
    }
}
