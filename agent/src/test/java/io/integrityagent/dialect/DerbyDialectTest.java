package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.apache.derby.shared.common.error.DerbySQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Messages and accessors as embedded Derby 10.16.1.1 fills them, checked on this machine. */
class DerbyDialectTest {

    private final DerbyDialect dialect = new DerbyDialect();

    @Test
    void uniqueNamesConstraintAndTableThroughTheAccessors() {
        ViolationFacts facts = describe("23505", "The statement was aborted because it would have caused a duplicate"
                + " key value in a unique or primary key constraint or unique index identified by 'UQ_PARENT_CODE'"
                + " defined on 'PARENT'.", "UQ_PARENT_CODE", "PARENT");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("UQ_PARENT_CODE", facts.constraint());
        assertEquals("PARENT", facts.table());
        assertTrue(facts.columns().isEmpty());
    }

    @Test
    void tableNamedWithSpacesIsKeptWhole() {
        ViolationFacts facts = describe("23505", "… identified by 'SQL0000000084-266b' defined on 'My Table'.",
                "SQL0000000084-266b", "My Table");
        assertEquals("My Table", facts.table());
    }

    @Test
    void notNullIsAPlainExceptionNamingOnlyTheColumn() {
        SQLIntegrityConstraintViolationException e = new SQLIntegrityConstraintViolationException(
                "Column 'CODE'  cannot accept a NULL value.", "23502", 30000);
        ViolationFacts facts = describe(e);
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals(List.of("CODE"), facts.columns());
        assertNull(facts.table());
        assertNull(facts.constraint());
    }

    @Test
    void checkTableIsQualifiedAndQuotedAndLosesBoth() {
        ViolationFacts facts = describe("23513", "The check constraint 'My Check' was violated while performing an"
                + " INSERT or UPDATE on table '\"APP\".\"My Table\"'.", "My Check", "\"APP\".\"My Table\"");
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("My Check", facts.constraint());
        assertEquals("My Table", facts.table());
        assertNull(facts.checkExpression());
    }

    @Test
    void insertOfAnOrphanIsAChildSideForeignKeyOnTheChildTable() {
        ViolationFacts facts = describe("23503", "INSERT on table 'CHILD' caused a violation of foreign key constraint"
                + " 'FK_CHILD_PARENT' for key (999).  The statement has been rolled back.", "FK_CHILD_PARENT",
                "CHILD");
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("FK_CHILD_PARENT", facts.constraint());
        assertEquals("CHILD", facts.table());
        assertNull(facts.referencedTable());
        assertTrue(facts.reportedValues().isEmpty(), "the key is printed, but no column is named for it");
    }

    @Test
    void deleteOfAReferencedRowIsAParentSideForeignKeyNamingTheParent() {
        ViolationFacts facts = describe("23503", "DELETE on table 'PARENT' caused a violation of foreign key"
                + " constraint 'FK_CHILD_PARENT' for key (1).  The statement has been rolled back.",
                "FK_CHILD_PARENT", "PARENT");
        assertTrue(facts.parentSide());
        assertEquals("PARENT", facts.referencedTable());
        assertNull(facts.table(), "the child table is not named");
    }

    @Test
    void updateDoesNotTellWhichSideFailed() {
        ViolationFacts facts = describe("23503", "UPDATE on table 'PARENT' caused a violation of foreign key"
                + " constraint 'FK_CHILD_PARENT' for key (1).  The statement has been rolled back.",
                "FK_CHILD_PARENT", "PARENT");
        assertEquals("FK_CHILD_PARENT", facts.constraint());
        assertFalse(facts.parentSide());
        assertNull(facts.table());
        assertNull(facts.referencedTable());
    }

    @Test
    void deferredUniqueIsAUniqueViolation() {
        ViolationFacts facts = describe("23506", "The transaction was aborted because of a deferred constraint"
                + " violation: Duplicate in unique or primary key constraint identified by 'DU_U' defined on 'DU'.",
                "DU_U", "DU");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("DU_U", facts.constraint());
        assertEquals("DU", facts.table());
    }

    @Test
    void deferredCheckStatesItsCondition() {
        ViolationFacts facts = describe("23514", "The transaction was aborted because of a deferred constraint"
                + " violation: Check constraint identified by 'DU_C' defined on \"APP\".\"DU\" as '(id > 0)'.",
                "DU_C", "\"APP\".\"DU\"");
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("DU", facts.table());
        assertEquals("(id > 0)", facts.checkExpression());
    }

    @Test
    void deferredForeignKeyTrustsOnlyTheParentTableItNames() {
        ViolationFacts facts = describe("23516", "The transaction was aborted because of a deferred constraint"
                + " violation: Foreign key 'DC_FK' defined on \"APP\".\"PP\" referencing constraint"
                + " 'SQL0000000081-36e2' defined on \"APP\".\"PP\", key ''.", "DC_FK", "\"APP\".\"PP\"");
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertEquals("DC_FK", facts.constraint());
        assertEquals("PP", facts.referencedTable());
        assertNull(facts.table());
    }

    @Test
    void otherErrorsAreNotViolations() {
        assertNull(dialect.classify(new SQLException("Syntax error: Encountered \"INSRT\"", "42X01", 30000)));
    }

    @Test
    void unquotedNamesFoldToUpperCaseAndExactOnesStayAsTheyAre() {
        assertEquals("USERS", dialect.canonicalName("users"));
        assertEquals("USERS", dialect.canonicalName("users", false));
        assertEquals("Handles", dialect.canonicalName("Handles", true));
    }

    @Test
    void upsertAdviceUsesMerge() {
        assertEquals("use Derby's MERGE INTO USERS USING SYSIBM.SYSDUMMY1 ON EMAIL = ? WHEN MATCHED THEN UPDATE SET"
                + " … WHEN NOT MATCHED THEN INSERT (…) VALUES (…) (Derby 10.11 and later) to update the existing"
                + " row instead", dialect.upsertAdvice("USERS", List.of("EMAIL")));
    }

    private ViolationFacts describe(String state, String message, String constraint, String table) {
        return describe(new DerbySQLIntegrityConstraintViolationException(message, state, 30000, constraint, table));
    }

    private ViolationFacts describe(SQLException e) {
        return DialectReports.describe(dialect, e);
    }
}
