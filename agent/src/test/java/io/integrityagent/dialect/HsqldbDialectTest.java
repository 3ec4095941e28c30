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
import org.junit.jupiter.api.Test;

/** Messages as HSQLDB 2.7.4 writes them, checked on this machine. */
class HsqldbDialectTest {

    private final HsqldbDialect dialect = new HsqldbDialect();

    @Test
    void namedUniqueConstraintNamesConstraintAndTable() {
        ViolationFacts facts = describe("23505", -104, "integrity constraint violation: unique constraint or index"
                + " violation ; UQ_PARENT_CODE table: PARENT");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("UQ_PARENT_CODE", facts.constraint());
        assertEquals("PARENT", facts.table());
        assertTrue(facts.columns().isEmpty());
        assertTrue(facts.reportedValues().isEmpty());
    }

    @Test
    void unnamedPrimaryKeyIsNamedByItsSystemName() {
        ViolationFacts facts = describe("23505", -104, "integrity constraint violation: unique constraint or index"
                + " violation ; SYS_PK_10091 table: PARENT");
        assertEquals("SYS_PK_10091", facts.constraint());
        assertEquals("PARENT", facts.table());
    }

    @Test
    void uniqueIndexIsNamedAloneWithoutItsTable() {
        ViolationFacts facts = describe("23505", -104, "integrity constraint violation: unique constraint or index"
                + " violation: IX_PARENT_NAME");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("IX_PARENT_NAME", facts.constraint());
        assertNull(facts.table());
        ViolationFacts quoted = describe("23505", -104, "integrity constraint violation: unique constraint or index"
                + " violation: \"ix ui\"");
        assertEquals("ix ui", quoted.constraint());
    }

    @Test
    void quotedNamesLoseTheirQuotes() {
        ViolationFacts facts = describe("23502", -10, "integrity constraint violation: NOT NULL check constraint ;"
                + " SYS_CT_10107 table: \"My Table\" column: \"Some Col\"");
        assertEquals("My Table", facts.table());
        assertEquals(List.of("Some Col"), facts.columns());
    }

    @Test
    void notNullNamesItsConstraintTableAndColumn() {
        ViolationFacts facts = describe("23502", -10, "integrity constraint violation: NOT NULL check constraint ;"
                + " SYS_CT_10092 table: PARENT column: CODE");
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals("SYS_CT_10092", facts.constraint());
        assertEquals("PARENT", facts.table());
        assertEquals(List.of("CODE"), facts.columns());
    }

    @Test
    void checkNamesConstraintAndTableEvenWhenTheyHoldSpaces() {
        ViolationFacts facts = describe("23513", -157, "integrity constraint violation: check constraint ;"
                + " CK_PARENT_QTY table: PARENT");
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("CK_PARENT_QTY", facts.constraint());
        assertEquals("PARENT", facts.table());
        ViolationFacts spaced = describe("23513", -157, "integrity constraint violation: check constraint ;"
                + " My Check table: My Table");
        assertEquals("My Check", spaced.constraint());
        assertEquals("My Table", spaced.table());
    }

    @Test
    void missingParentIsAChildSideForeignKeyWhoseUnattributedValueIsNotTaken() {
        ViolationFacts facts = describe("23503", -177, "integrity constraint violation: foreign key no parent ;"
                + " FK_CHILD_PARENT table: CHILD value: 999");
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("FK_CHILD_PARENT", facts.constraint());
        assertEquals("CHILD", facts.table());
        assertTrue(facts.columns().isEmpty());
        assertTrue(facts.reportedValues().isEmpty());
        assertNull(facts.referencedTable());
    }

    @Test
    void compositeForeignKeyValuesDoNotSpillIntoTheTable() {
        ViolationFacts facts = describe("23503", -177, "integrity constraint violation: foreign key no parent ;"
                + " FK_C table: C value: 2,it's, odd");
        assertEquals("C", facts.table());
    }

    @Test
    void stillReferencedParentIsAParentSideForeignKeyNamingTheChildTable() {
        ViolationFacts facts = describe("23504", -8, "integrity constraint violation: foreign key no action ;"
                + " FK_CHILD_PARENT table: CHILD");
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertTrue(facts.parentSide());
        assertEquals("FK_CHILD_PARENT", facts.constraint());
        assertEquals("CHILD", facts.table());
        assertNull(facts.referencedTable());
    }

    @Test
    void otherErrorsAreNotViolations() {
        assertNull(dialect.classify(new SQLException("user lacks privilege or object not found: NOPE", "42501",
                -5501)));
    }

    @Test
    void unquotedNamesFoldToUpperCase() {
        assertEquals("USERS", dialect.canonicalName("users"));
        assertEquals("My Table", dialect.canonicalName("My Table"));
    }

    @Test
    void upsertAdviceUsesMerge() {
        assertEquals("use HSQLDB's MERGE INTO USERS USING (VALUES (…)) AS s (…) ON USERS.EMAIL = s.EMAIL WHEN"
                + " MATCHED THEN UPDATE SET … WHEN NOT MATCHED THEN INSERT VALUES (…) to update the existing row"
                + " instead", dialect.upsertAdvice("USERS", List.of("EMAIL")));
    }

    private ViolationFacts describe(String state, int code, String message) {
        return DialectReports.describe(dialect, new SQLIntegrityConstraintViolationException(message, state, code));
    }
}
