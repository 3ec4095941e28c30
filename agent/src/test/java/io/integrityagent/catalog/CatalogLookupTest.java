package io.integrityagent.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.catalog.CatalogLookup.Gap;
import io.integrityagent.dialect.Dialects;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.SqlOperation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogLookupTest {

    private static final Dialect H2 = Dialects.of(DatabaseSystem.H2);
    private static final Dialect POSTGRES = Dialects.of(DatabaseSystem.POSTGRESQL);

    @Nested
    class GapSelection {

        @Test
        void factsTheMessageStatedCompletelyLeaveNoGap() {
            ViolationFacts facts = facts(ViolationKind.UNIQUE, "uk_users_email");
            facts.column("email");

            assertEquals(Gap.NONE, CatalogLookup.gapIn(facts, SqlOperation.INSERT, POSTGRES));
        }

        @Test
        void aUniqueConstraintNamedWithoutColumnsNeedsItsColumns() {
            assertEquals(Gap.UNIQUE_KEY_COLUMNS,
                    CatalogLookup.gapIn(facts(ViolationKind.UNIQUE, "uk_users_email"), SqlOperation.INSERT, POSTGRES));
        }

        @Test
        void anIndexNamedInsteadOfAConstraintNeedsItsConstraintWhereTheDialectCanAsk() {
            ViolationFacts facts = facts(ViolationKind.UNIQUE, null);
            facts.index("PUBLIC.UK_USERS_EMAIL_INDEX_4");

            assertEquals(Gap.CONSTRAINT_OF_INDEX, CatalogLookup.gapIn(facts, SqlOperation.INSERT, H2));
            assertEquals(Gap.NONE, CatalogLookup.gapIn(facts, SqlOperation.INSERT, POSTGRES));
        }

        @Test
        void aPrimaryKeyViolatedWithoutItsNameNeedsTheName() {
            ViolationFacts facts = facts(ViolationKind.UNIQUE, null);
            facts.primaryKey(true);

            assertEquals(Gap.PRIMARY_KEY_NAME, CatalogLookup.gapIn(facts, SqlOperation.UPDATE, POSTGRES));
        }

        @Test
        void anAnonymousForeignKeyIsLookedUpOnlyForStatementsThatTellItsSide() {
            ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, null);

            for (SqlOperation operation : List.of(SqlOperation.INSERT, SqlOperation.UPDATE, SqlOperation.DELETE)) {
                assertEquals(Gap.ANONYMOUS_FOREIGN_KEY, CatalogLookup.gapIn(facts, operation, POSTGRES));
            }
            for (SqlOperation operation : List.of(SqlOperation.MERGE, SqlOperation.REPLACE, SqlOperation.OTHER)) {
                assertEquals(Gap.NONE, CatalogLookup.gapIn(facts, operation, POSTGRES), operation.name());
            }
            facts.table("orders");
            assertEquals(Gap.NONE, CatalogLookup.gapIn(facts, SqlOperation.INSERT, POSTGRES));
        }

        @Test
        void aNamedForeignKeyNeedsTheColumnsOfEachSideTheMessageLeftOut() {
            ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "fk_orders_customer");
            assertEquals(Gap.NAMED_FOREIGN_KEY_COLUMNS, CatalogLookup.gapIn(facts, SqlOperation.DELETE, POSTGRES));

            // PostgreSQL's Detail names only the refused side's columns: the other side's are still missing.
            facts.referencedColumn("id");
            assertEquals(Gap.NAMED_FOREIGN_KEY_COLUMNS, CatalogLookup.gapIn(facts, SqlOperation.DELETE, POSTGRES));

            facts.column("customer_id");
            assertEquals(Gap.NONE, CatalogLookup.gapIn(facts, SqlOperation.DELETE, POSTGRES));
        }

        @Test
        void aCheckWithoutItsConditionIsAskedOnlyWhereTheDialectHasTheQuery() {
            ViolationFacts facts = facts(ViolationKind.CHECK, "ck_qty");

            assertEquals(Gap.CHECK_CONDITION, CatalogLookup.gapIn(facts, SqlOperation.INSERT, H2));
            assertEquals(Gap.NONE, CatalogLookup.gapIn(facts, SqlOperation.INSERT, POSTGRES));
        }

        @Test
        void notNullViolationsHaveNoGapTheCatalogFills() {
            assertEquals(Gap.NONE, CatalogLookup.gapIn(facts(ViolationKind.NOT_NULL, null), SqlOperation.INSERT,
                    POSTGRES));
        }
    }

    @Nested
    class OnARealConnection {

        private Connection connection;
        private Statement statement;

        @BeforeEach
        void createSchema() throws SQLException {
            connection = DriverManager.getConnection("jdbc:h2:mem:catalog" + System.nanoTime());
            statement = connection.createStatement();
            statement.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(80))");
            statement.execute("CREATE UNIQUE INDEX uk_users_email ON users (email)");
        }

        @AfterEach
        void close() throws SQLException {
            connection.close();
        }

        @Test
        void fillsTheColumnsOfANamedUniqueKeyInAutoCommit() {
            ViolationFacts facts = facts(ViolationKind.UNIQUE, "UK_USERS_EMAIL");

            new CatalogLookup(Callable::call).complete(facts, statement, SqlOperation.INSERT, null, "USERS", List.of(),
                    H2);

            assertEquals(List.of("EMAIL"), facts.columns());
            assertEquals("USERS", facts.table());
        }

        @Test
        void leavesTheGapInsideTheApplicationsTransaction() throws SQLException {
            connection.setAutoCommit(false);
            ViolationFacts facts = facts(ViolationKind.UNIQUE, "UK_USERS_EMAIL");

            new CatalogLookup(Callable::call).complete(facts, statement, SqlOperation.INSERT, null, "USERS", List.of(),
                    H2);

            assertTrue(facts.columns().isEmpty());
            assertNull(facts.table());
        }

        /** Asked once per constraint: a storm of one failed CHECK asked the catalog at every violation. */
        @Test
        void readsTheConditionOfACheckOnceAndRemembersIt() throws SQLException {
            statement.execute("ALTER TABLE users ADD CONSTRAINT ck_users_id CHECK (id > 0)");
            CatalogLookup catalog = new CatalogLookup(Callable::call);
            ViolationFacts first = facts(ViolationKind.CHECK, "CK_USERS_ID");
            catalog.complete(first, statement, SqlOperation.INSERT, null, "USERS", List.of(), H2);
            statement.execute("ALTER TABLE users DROP CONSTRAINT ck_users_id");
            ViolationFacts second = facts(ViolationKind.CHECK, "CK_USERS_ID");
            catalog.complete(second, statement, SqlOperation.INSERT, null, "USERS", List.of(), H2);

            assertEquals("\"ID\" > 0", first.checkExpression());
            assertEquals(first.checkExpression(), second.checkExpression());
        }

        @Test
        void tellsTheTablesColumnsInTheirOrder() {
            assertEquals(List.of("ID", "EMAIL"), new CatalogLookup(Callable::call).columnsOf(statement, null, "USERS"));
            assertNull(new CatalogLookup(Callable::call).columnsOf(statement, null, "NO_SUCH_TABLE"));
        }

        @Test
        void asksNothingAboutATableOfAnotherSchemaThanTheConnectionsOwn() throws SQLException {
            statement.execute("CREATE SCHEMA tenant_b");
            statement.execute("CREATE TABLE tenant_b.users (id INT PRIMARY KEY, secret VARCHAR(80),"
                    + " email VARCHAR(80))");
            CatalogLookup catalog = new CatalogLookup(Callable::call);
            ViolationFacts facts = facts(ViolationKind.UNIQUE, "UK_USERS_EMAIL");

            catalog.complete(facts, statement, SqlOperation.INSERT, "TENANT_B", "USERS", List.of(), H2);

            assertNull(catalog.columnsOf(statement, "TENANT_B", "USERS"), "the same-named table's columns here");
            assertTrue(facts.columns().isEmpty());
            assertEquals(List.of("ID", "EMAIL"), catalog.columnsOf(statement, "PUBLIC", "USERS"));
        }
    }

    /** After setSchema (or for another user whose default schema differs) the same table name is another table. */
    @Nested
    class AfterTheConnectionChangesSchema {

        private Connection connection;
        private Statement statement;

        @BeforeEach
        void createTwoSchemasWithTheSameTableNames() throws SQLException {
            connection = DriverManager.getConnection("jdbc:h2:mem:schemas" + System.nanoTime());
            statement = connection.createStatement();
            statement.execute("CREATE SCHEMA ref_a");
            statement.execute("CREATE SCHEMA ref_b");
            statement.execute("CREATE TABLE ref_a.parent (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE ref_b.parent (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE users (id INT PRIMARY KEY, nickname VARCHAR(80),"
                    + " CONSTRAINT ck_rule CHECK (id > 0))");
            statement.execute("CREATE TABLE child (id INT PRIMARY KEY, pid INT,"
                    + " CONSTRAINT fk_child FOREIGN KEY (pid) REFERENCES ref_a.parent (id))");
            statement.execute("CREATE SCHEMA tenant_b");
            statement.execute("CREATE TABLE tenant_b.users (id INT PRIMARY KEY, api_token VARCHAR(80),"
                    + " CONSTRAINT ck_rule CHECK (api_token <> 'hunter2'))");
            statement.execute("CREATE TABLE tenant_b.child (id INT PRIMARY KEY, pid INT,"
                    + " CONSTRAINT fk_child FOREIGN KEY (pid) REFERENCES ref_b.parent (id))");
        }

        @AfterEach
        void close() throws SQLException {
            connection.close();
        }

        @Test
        void tellsTheColumnsOfTheTableInTheNewSchema() throws SQLException {
            CatalogLookup catalog = new CatalogLookup(Callable::call);
            assertEquals(List.of("ID", "NICKNAME"), catalog.columnsOf(statement, null, "USERS"));
            connection.setSchema("TENANT_B");

            assertEquals(List.of("ID", "API_TOKEN"), catalog.columnsOf(statement, null, "USERS"));
        }

        @Test
        void describesTheForeignKeyOfTheTableInTheNewSchema() throws SQLException {
            CatalogLookup catalog = new CatalogLookup(Callable::call);
            catalog.complete(facts(ViolationKind.FOREIGN_KEY, "FK_CHILD"), statement, SqlOperation.INSERT, null,
                    "CHILD", List.of(), H2);
            connection.setSchema("TENANT_B");
            ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "FK_CHILD");

            catalog.complete(facts, statement, SqlOperation.INSERT, null, "CHILD", List.of(), H2);

            assertEquals("REF_B", facts.referencedSchema());
            assertEquals("TENANT_B", facts.schema());
        }

        @Test
        void namesNoChildWhenChildrenOfTwoSchemasReferToTheParentThroughKeysOfOneName() throws SQLException {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, pid INT,"
                    + " CONSTRAINT fk_shared FOREIGN KEY (pid) REFERENCES ref_a.parent (id))");
            statement.execute("CREATE TABLE tenant_b.orders (id INT PRIMARY KEY, pid INT,"
                    + " CONSTRAINT fk_shared FOREIGN KEY (pid) REFERENCES ref_a.parent (id))");
            connection.setSchema("REF_A");
            ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "FK_SHARED");
            facts.parentSide(true);

            new CatalogLookup(Callable::call).complete(facts, statement, SqlOperation.DELETE, null, "PARENT",
                    List.of(), H2);

            assertNull(facts.table(), "either schema's ORDERS");
            assertTrue(facts.columns().isEmpty());
        }

        @Test
        void readsTheConditionOfTheCheckInTheConnectionsSchemaOnly() throws SQLException {
            ViolationFacts inPublic = facts(ViolationKind.CHECK, "CK_RULE");
            new CatalogLookup(Callable::call).complete(inPublic, statement, SqlOperation.INSERT, null, "USERS",
                    List.of(), H2);
            connection.setSchema("TENANT_B");
            ViolationFacts inTenantB = facts(ViolationKind.CHECK, "CK_RULE");
            new CatalogLookup(Callable::call).complete(inTenantB, statement, SqlOperation.INSERT, null, "USERS",
                    List.of(), H2);

            assertEquals("\"ID\" > 0", inPublic.checkExpression());
            assertEquals("\"API_TOKEN\" <> 'hunter2'", inTenantB.checkExpression());
        }
    }

    private static ViolationFacts facts(ViolationKind kind, String constraint) {
        ViolationFacts facts = new ViolationFacts(kind, "23000", 0, "refused");
        facts.constraint(constraint);
        return facts;
    }
}
