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
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages as MariaDB 10.11.19 wrote them on this machine through MariaDB Connector/J 3.5.11 (which prefixes
 * {@code (conn=N) }) and MySQL Connector/J 9.7.0 (which does not); MySQL 8 forms as its sources and manual
 * give them.
 */
class MySqlDialectTest {

    private final MySqlDialect dialect = new MySqlDialect(DatabaseSystem.MARIADB);

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void duplicateEntryNamesTheKeyAndKeepsItsValueWithoutGuessingColumns(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Duplicate entry 'ada@example.com' for key"
                + " 'uq_users_email'", 1062));
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("uq_users_email", facts.constraint());
        assertNull(facts.table());
        assertTrue(facts.columns().isEmpty());
        assertEquals("ada@example.com", facts.keyValue());
        assertTrue(facts.reportedValues().isEmpty());
        assertEquals("Duplicate entry 'ada@example.com' for key 'uq_users_email'", facts.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void primaryKeyIsTheKeyNamedPrimary(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Duplicate entry '1' for key 'PRIMARY'", 1062));
        assertEquals("PRIMARY", facts.constraint());
        assertEquals("1", facts.keyValue());
        assertTrue(facts.columns().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void mysql8QualifiesTheKeyWithItsTable(String prefix) {
        ViolationFacts unique = describe(violation(prefix + "Duplicate entry 'ada@example.com' for key"
                + " 'users.uq_users_email'", 1062));
        assertEquals("users", unique.table());
        assertEquals("uq_users_email", unique.constraint());
        assertEquals("ada@example.com", unique.keyValue());

        ViolationFacts primary = describe(violation(prefix + "Duplicate entry '7' for key 'users.PRIMARY'", 1062));
        assertEquals("users", primary.table());
        assertEquals("PRIMARY", primary.constraint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void theUnescapedValueIsEverythingUpToTheLastForKey(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Duplicate entry 'it's ' for key 'x'\nline2' for key"
                + " 'uq_notes_text'", 1062));
        assertEquals("it's ' for key 'x'\nline2", facts.keyValue());
        assertEquals("uq_notes_text", facts.constraint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void compositeValueJoinedWithDashesStaysWhole(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Duplicate entry '1-a-b' for key 'uq_comp'", 1062));
        assertEquals("1-a-b", facts.keyValue());
        assertTrue(facts.columns().isEmpty());
        assertTrue(facts.reportedValues().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void valueMariadbCutTo64BytesIsKeptAsPrinted(String prefix) {
        String cut = "tok-0123456789abcdef0123456789abcdef0123456789abcdef012345678...";
        ViolationFacts facts = describe(violation(prefix + "Duplicate entry '" + cut + "' for key"
                + " 'uq_api_clients_token'", 1062));
        assertEquals(cut, facts.keyValue());
        assertEquals("uq_api_clients_token", facts.constraint());
    }

    @Test
    void sqlAppendedByDumpQueriesOnExceptionIsNotRepeated() {
        ViolationFacts facts = describe(violation("(conn=38) Duplicate entry 'A' for key 'code'\nQuery is: INSERT"
                + " INTO t VALUES (2, 'A', 's3cret')", 1062));
        assertEquals("Duplicate entry 'A' for key 'code'", facts.message());
        assertEquals("A", facts.keyValue());
        assertEquals("code", facts.constraint());
    }

    @Test
    void duplicateWithKeyNameCodeAndUnknownValueForm() {
        ViolationFacts named = describe(violation("Duplicate entry 'x' for key 'uq_t_x'", 1586));
        assertEquals(ViolationKind.UNIQUE, named.kind());
        assertEquals("uq_t_x", named.constraint());
        assertEquals("x", named.keyValue());

        ViolationFacts unknown = describe(violation("(conn=3) Duplicate entry for key 'uq_t_x'", 1859));
        assertEquals(ViolationKind.UNIQUE, unknown.kind());
        assertEquals("uq_t_x", unknown.constraint());
        assertNull(unknown.keyValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void missingParentNamesSchemaChildTableConstraintAndBothColumnLists(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Cannot add or update a child row: a foreign key"
                + " constraint fails (`shop`.`orders`, CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`)"
                + " REFERENCES `customers` (`id`))", 1452));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("shop", facts.schema());
        assertEquals("orders", facts.table());
        assertEquals("fk_orders_customer", facts.constraint());
        assertEquals(List.of("customer_id"), facts.columns());
        assertEquals("customers", facts.referencedTable());
        assertEquals(List.of("id"), facts.referencedColumns());
        assertTrue(facts.message().startsWith("Cannot add"), facts.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void referencedParentIsParentSideAndTheTableShownIsTheChild(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Cannot delete or update a parent row: a foreign key"
                + " constraint fails (`shop`.`orders`, CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`)"
                + " REFERENCES `customers` (`id`))", 1451));
        assertTrue(facts.parentSide());
        assertEquals("orders", facts.table());
        assertEquals(List.of("customer_id"), facts.columns());
        assertEquals("customers", facts.referencedTable());
        assertEquals(List.of("id"), facts.referencedColumns());
    }

    @Test
    void compositeForeignKeyWithQuotedNamesRulesAndAParentInAnotherDatabase() {
        ViolationFacts facts = describe(violation("Cannot add or update a child row: a foreign key constraint"
                + " fails (`shop`.`we``ird`, CONSTRAINT `fk``q` FOREIGN KEY (`x`, `y`) REFERENCES `other`.`comp`"
                + " (`a`, `b`) ON DELETE NO ACTION ON UPDATE CASCADE)", 1452));
        assertEquals("we`ird", facts.table());
        assertEquals("fk`q", facts.constraint());
        assertEquals(List.of("x", "y"), facts.columns());
        assertEquals("other", facts.referencedSchema());
        assertEquals("comp", facts.referencedTable());
        assertEquals("other.comp", facts.referencedTableWhereItLives());
        assertEquals(List.of("a", "b"), facts.referencedColumns());
    }

    @Test
    void foreignKeyErrorsWithoutDetailsStillTellTheSide() {
        ViolationFacts child = describe(violation("Cannot add or update a child row: a foreign key constraint"
                + " fails", 1216));
        assertEquals(ViolationKind.FOREIGN_KEY, child.kind());
        assertFalse(child.parentSide());
        assertNull(child.constraint());
        ViolationFacts parent = describe(violation("Cannot delete or update a parent row: a foreign key"
                + " constraint fails", 1217));
        assertTrue(parent.parentSide());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void explicitNullNamesTheColumn(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "Column 'name' cannot be null", 1048));
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals(List.of("name"), facts.columns());
        assertNull(facts.constraint());
    }

    @Test
    void mysql8NullThatIgnoreCannotDowngradeNamesTheColumn() {
        ViolationFacts facts = describe(violation("Column 'name' cannot be null", 3673));
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals(List.of("name"), facts.columns());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void columnLeftOutIsANotNullViolationThoughThrownAsAPlainHy000Exception(String prefix) {
        SQLException e = new SQLException(prefix + "Field 'name' doesn't have a default value", "HY000", 1364);
        assertEquals(ViolationKind.NOT_NULL, dialect.classify(e));
        ViolationFacts facts = describe(e);
        assertEquals(List.of("name"), facts.columns());
        assertEquals("Field 'name' doesn't have a default value", facts.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void mariadbCheckNamesConstraintSchemaAndTable(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "CONSTRAINT `ck_users_age` failed for `shop`.`users`",
                4025));
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("ck_users_age", facts.constraint());
        assertEquals("shop", facts.schema());
        assertEquals("users", facts.table());
        assertTrue(facts.columns().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void mariadbColumnCheckIsNamedAfterItsColumn(String prefix) {
        ViolationFacts facts = describe(violation(prefix + "CONSTRAINT `users.age` failed for `shop`.`users`",
                4025));
        assertEquals("age", facts.constraint());
        assertEquals(List.of("age"), facts.columns());
        assertEquals("users", facts.table());
    }

    @Test
    void mariadbTableCheckWhoseNameHasADotIsNotTakenForAColumnCheck() {
        ViolationFacts facts = describe(violation("CONSTRAINT `ck.dot` failed for `shop`.`c3`", 4025));
        assertEquals("ck.dot", facts.constraint());
        assertTrue(facts.columns().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(conn=17) "})
    void mysqlCheckIsRecognisedThoughThrownAsAPlainHy000Exception(String prefix) {
        SQLException e = new SQLException(prefix + "Check constraint 'ck_users_age' is violated.", "HY000", 3819);
        assertEquals(ViolationKind.CHECK, dialect.classify(e));
        assertEquals("ck_users_age", describe(e).constraint());
    }

    @Test
    void errorsThatAreNoViolationAreNotRecognised() {
        // MariaDB Connector/J throws a constraint-violation exception for class 21 (cardinality).
        assertNull(dialect.classify(new SQLIntegrityConstraintViolationException(
                "(conn=47) Subquery returns more than 1 row", "21000", 1242)));
        // MySQL's own 4025 is an unrelated HY000 error.
        assertNull(dialect.classify(new SQLException("Invalid autoextend_size", "HY000", 4025)));
        assertNull(dialect.classify(new SQLException("Table 'shop.mixed' doesn't exist", "42S02", 1146)));
    }

    @Test
    void otherClass23CodesGetTheirKindOrOther() {
        assertEquals(ViolationKind.UNIQUE, dialect.classify(violation("Can't write; duplicate key in table 't'", 1022)));
        assertEquals(ViolationKind.UNIQUE, dialect.classify(violation("Can't write, because of unique constraint,"
                + " to table 't'", 1169)));
        assertEquals(ViolationKind.UNIQUE, dialect.classify(violation("Upholding foreign key constraints for table"
                + " 't', entry '1', key 2 would lead to a duplicate entry", 1557)));
        assertEquals(ViolationKind.UNIQUE, dialect.classify(violation("Foreign key constraint for table 'p', record"
                + " '1' would lead to a duplicate entry in table 'c', key 'uq_c'", 1761)));
        assertEquals(ViolationKind.UNIQUE, dialect.classify(violation("Foreign key constraint for table 'p', record"
                + " '1' would lead to a duplicate entry in a child table", 1762)));
        assertEquals(ViolationKind.OTHER, dialect.classify(violation("Something new", 9999)));
    }

    @Test
    void systemIsTheDriversAndBothAreRegistered() {
        assertEquals(DatabaseSystem.MYSQL, Dialects.of(DatabaseSystem.MYSQL).system());
        assertEquals(DatabaseSystem.MARIADB, Dialects.of(DatabaseSystem.MARIADB).system());
        assertTrue(Dialects.of(DatabaseSystem.MYSQL) instanceof MySqlDialect);
        assertTrue(Dialects.of(DatabaseSystem.MARIADB) instanceof MySqlDialect);
    }

    @Test
    void connectorJBatchExceptionIsAboutTheLastFailedEntry() {
        MySqlDialect connectorJ = new MySqlDialect(DatabaseSystem.MYSQL);
        assertEquals(3, connectorJ.failedBatchEntry(batch(1, -3, 1, -3)));
        assertEquals(1, connectorJ.failedBatchEntry(batch(1, -3, 1)));
        assertEquals(-1, connectorJ.failedBatchEntry(batch(-3, -3, -3)), "a rewritten batch fails as a whole");
        assertEquals(-1, connectorJ.failedBatchEntry(batch(1)), "stopped at the failure: the counts tell");
    }

    @Test
    void mariadbBatchExceptionIsAboutTheFirstFailedEntrySoTheCountsOrderApplies() {
        assertEquals(-1, dialect.failedBatchEntry(batch(1, -3, 1, -3)));
    }

    @Test
    void upsertAdviceIsInsertOnDuplicateKeyUpdate() {
        assertEquals("use INSERT INTO users (…) VALUES (…) ON DUPLICATE KEY UPDATE … to update the existing row"
                + " instead", dialect.upsertAdvice("users", List.of()));
    }

    @Test
    void identifiersStayAsWrittenBecauseTheirCaseDependsOnTheServer() {
        assertEquals("Users", dialect.canonicalName("Users"));
    }

    private ViolationFacts describe(SQLException e) {
        return DialectReports.describe(dialect, e);
    }

    private static SQLException violation(String message, int code) {
        return new SQLIntegrityConstraintViolationException(message, "23000", code);
    }

    private static BatchUpdateException batch(int... counts) {
        return new BatchUpdateException("batch", "23000", 1062, counts);
    }
}
