package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.sqlserver.jdbc.SQLServerConnection;
import com.microsoft.sqlserver.jdbc.SQLServerError;
import com.microsoft.sqlserver.jdbc.SQLServerException;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.recognition.ViolationRecognizer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exceptions built by mssql-jdbc 13.6's own code: a server error token ({@code SQLServerError}) handed to
 * {@code SQLServerException.makeFromDatabaseError}, which picks the SQLSTATE, as the TDS parser does. Message
 * texts are SQL Server's (sys.messages 515, 547, 2601, 2627) as the server fills them in.
 */
class SqlServerDialectTest {

    private static final int FAILED = Statement.EXECUTE_FAILED;

    private final SqlServerDialect dialect = new SqlServerDialect();

    @Test
    void primaryKeyViolationNamesConstraintAndTableButNotTheColumns() {
        SQLException e = serverError(2627, 14, 1, "Violation of PRIMARY KEY constraint 'PK_users'. Cannot insert"
                + " duplicate key in object 'dbo.users'. The duplicate key value is (1).");
        assertEquals(SQLServerException.class, e.getClass());
        assertFalse(e instanceof SQLIntegrityConstraintViolationException);
        assertEquals("23000", e.getSQLState());
        ViolationFacts facts = describe(e);
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("PK_users", facts.constraint());
        assertEquals("users", facts.table());
        assertTrue(facts.columns().isEmpty(), "the key value is printed, its columns are not");
        assertTrue(facts.reportedValues().isEmpty(), "a value without its column is left to the SQL");
    }

    @Test
    void uniqueKeyConstraintWithCompositeValue() {
        ViolationFacts facts = describe(serverError(2627, 14, 1, "Violation of UNIQUE KEY constraint"
                + " 'UQ_members_tenant_email'. Cannot insert duplicate key in object 'app.members'. The duplicate key"
                + " value is (14, ada@example.com)."));
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("UQ_members_tenant_email", facts.constraint());
        assertEquals("members", facts.table());
    }

    @Test
    void uniqueIndexViolationIsNamedByTheIndex() {
        ViolationFacts facts = describe(serverError(2601, 14, 1, "Cannot insert duplicate key row in object"
                + " 'dbo.users' with unique index 'IX_users_email'. The duplicate key value is (ada@example.com)."));
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("IX_users_email", facts.constraint());
        assertEquals("users", facts.table());
    }

    @Test
    void xopenStatesTurnEveryStateInto42000SoTheNumberDecides() throws Exception {
        SQLException duplicate = xopenServerError(2627, "Violation of PRIMARY KEY constraint 'PK_users'. Cannot insert"
                + " duplicate key in object 'dbo.users'. The duplicate key value is (1).");
        assertEquals("42000", duplicate.getSQLState());
        assertNull(new SqlStateDialect(DatabaseSystem.SQL_SERVER).classify(duplicate));
        assertEquals(ViolationKind.UNIQUE, dialect.classify(duplicate));
        assertEquals("PK_users", describe(duplicate).constraint());
        SQLException missing = xopenServerError(515, "Cannot insert the value NULL into column 'email', table"
                + " 'shop.dbo.users'; column does not allow nulls. INSERT fails.");
        assertEquals(ViolationKind.NOT_NULL, dialect.classify(missing));
    }

    @Test
    void foreignKeyConflictNamesTheReferencedTableAndColumn() {
        ViolationFacts facts = describe(serverError(547, 16, 0, "The INSERT statement conflicted with the FOREIGN KEY"
                + " constraint \"FK_orders_customers\". The conflict occurred in database \"shop\", table"
                + " \"dbo.customers\", column 'id'."));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("FK_orders_customers", facts.constraint());
        assertEquals("customers", facts.referencedTable());
        assertEquals(List.of("id"), facts.referencedColumns());
        assertNull(facts.table(), "the referencing table is the statement's, which the message does not name");
        assertTrue(facts.columns().isEmpty());
    }

    @Test
    void referenceConflictIsParentSideAndNamesTheReferencingTableAndColumn() {
        ViolationFacts facts = describe(serverError(547, 16, 0, "The DELETE statement conflicted with the REFERENCE"
                + " constraint \"FK_orders_customers\". The conflict occurred in database \"shop\", table"
                + " \"dbo.orders\", column 'customer_id'."));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertTrue(facts.parentSide());
        assertEquals("FK_orders_customers", facts.constraint());
        assertEquals("orders", facts.table());
        assertEquals(List.of("customer_id"), facts.columns());
        assertNull(facts.referencedTable(), "the parent is the statement's table, which the message does not name");
    }

    @Test
    void updateOfAReferencedKeyIsParentSideToo() {
        ViolationFacts facts = describe(serverError(547, 16, 0, "The UPDATE statement conflicted with the REFERENCE"
                + " constraint \"FK_orders_customers\". The conflict occurred in database \"shop\", table"
                + " \"dbo.orders\", column 'customer_id'."));
        assertTrue(facts.parentSide());
        assertEquals("orders", facts.table());
    }

    @Test
    void selfReferencingForeignKeyNamesItsOneTableOnBothSides() {
        ViolationFacts child = describe(serverError(547, 16, 0, "The MERGE statement conflicted with the FOREIGN KEY"
                + " SAME TABLE constraint \"FK_employees_manager\". The conflict occurred in database \"hr\", table"
                + " \"dbo.employees\", column 'id'."));
        assertEquals(ViolationKind.FOREIGN_KEY, child.kind());
        assertFalse(child.parentSide());
        assertEquals("employees", child.table());
        assertEquals("employees", child.referencedTable());
        assertEquals(List.of("id"), child.referencedColumns());
        ViolationFacts parent = describe(serverError(547, 16, 0, "The DELETE statement conflicted with the SAME TABLE"
                + " REFERENCE constraint \"FK_employees_manager\". The conflict occurred in database \"hr\", table"
                + " \"dbo.employees\", column 'manager_id'."));
        assertTrue(parent.parentSide());
        assertEquals(List.of("manager_id"), parent.columns());
    }

    @Test
    void checkConflictNamesConstraintTableAndColumn() {
        ViolationFacts facts = describe(serverError(547, 16, 0, "The INSERT statement conflicted with the CHECK"
                + " constraint \"CK_orders_qty\". The conflict occurred in database \"shop\", table \"dbo.orders\","
                + " column 'qty'."));
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("CK_orders_qty", facts.constraint());
        assertEquals("orders", facts.table());
        assertEquals(List.of("qty"), facts.columns());
    }

    @Test
    void constraintNamesCannotChangeTheKindOfA547() {
        SQLException check = serverError(547, 16, 0, "The INSERT statement conflicted with the CHECK constraint"
                + " \"CK_REFERENCE_or_FOREIGN KEY\". The conflict occurred in database \"shop\", table \"dbo.t\".");
        assertEquals(ViolationKind.CHECK, dialect.classify(check));
        assertEquals("t", describe(check).table());
    }

    @Test
    void nullIntoNotNullColumnNamesColumnAndTable() {
        ViolationFacts facts = describe(serverError(515, 16, 2, "Cannot insert the value NULL into column 'email',"
                + " table 'shop.dbo.users'; column does not allow nulls. INSERT fails."));
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals("users", facts.table());
        assertEquals(List.of("email"), facts.columns());
    }

    @Test
    void otherServerErrorsAreNoViolations() {
        assertNull(dialect.classify(serverError(208, 16, 1, "Invalid object name 'dbo.nope'.")));
        assertNull(dialect.classify(serverError(8152, 16, 30, "String or binary data would be truncated.")));
    }

    @Test
    void batchExceptionWithoutCauseOrNextExceptionIsItselfTheViolation() {
        SQLException entryError = serverError(2627, 14, 1, "Violation of PRIMARY KEY constraint 'PK_users'. Cannot"
                + " insert duplicate key in object 'dbo.users'. The duplicate key value is (2).");
        BatchUpdateException batch = preparedBatchException(entryError, new int[] {1, FAILED, 1});
        assertNull(batch.getCause());
        assertNull(batch.getNextException());
        List<RecognizedViolation> found = ViolationRecognizer.recognize(ViolationRecognizer.chainOf(batch), dialect);
        assertEquals(1, found.size());
        assertSame(batch, found.get(0).exception());
        assertEquals(ViolationKind.UNIQUE, found.get(0).kind());
        assertEquals("PK_users", describe(batch).constraint());
        assertEquals(1, dialect.failedBatchEntry(batch, batch));
    }

    @Test
    void batchWithSeveralFailuresRepeatsTheFirstForPreparedAndTheLastForPlainStatements() {
        SQLException entryError = serverError(547, 16, 0, "The INSERT statement conflicted with the FOREIGN KEY"
                + " constraint \"FK_orders_customers\". The conflict occurred in database \"shop\", table"
                + " \"dbo.customers\", column 'id'.");
        int[] counts = {1, FAILED, 1, FAILED};
        assertEquals(1, dialect.failedBatchEntry(preparedBatchException(entryError, counts)));
        BatchUpdateException plain = new BatchUpdateException(entryError.getMessage(), entryError.getSQLState(),
                entryError.getErrorCode(), counts);
        plain.setStackTrace(driverFrames("SQLServerStatement", "executeBatch"));
        assertEquals(3, dialect.failedBatchEntry(plain));
        BatchUpdateException unknown = new BatchUpdateException(entryError.getMessage(), entryError.getSQLState(),
                entryError.getErrorCode(), counts);
        unknown.setStackTrace(new StackTraceElement[0]);
        assertEquals(-1, dialect.failedBatchEntry(unknown), "which failure it repeats is not known");
    }

    @Test
    void driverClassesAreRecognisedAsSqlServer() {
        SQLException e = serverError(515, 16, 2, "Cannot insert the value NULL into column 'email', table"
                + " 'shop.dbo.users'; column does not allow nulls. INSERT fails.");
        assertEquals(DatabaseSystem.SQL_SERVER, DatabaseSystem.detect(null, ViolationRecognizer.chainOf(e)));
        assertEquals(DatabaseSystem.SQL_SERVER,
                DatabaseSystem.ofDriverClass("com.microsoft.sqlserver.jdbc.SQLServerPreparedStatement"));
        assertSame(SqlServerDialect.class, Dialects.of(DatabaseSystem.SQL_SERVER).getClass());
    }

    @Test
    void upsertAdviceIsAMergeWithHoldlockOrAnIfExistsUpdate() {
        String advice = dialect.upsertAdvice("users", List.of("email"));
        assertTrue(advice.contains("MERGE users WITH (HOLDLOCK) AS t USING (VALUES (?, …)) AS s (email, …) ON"
                + " t.email = s.email WHEN MATCHED THEN UPDATE SET … WHEN NOT MATCHED THEN INSERT (…) VALUES (…);"),
                advice);
        assertTrue(advice.contains("IF EXISTS (SELECT 1 FROM users WITH (UPDLOCK, HOLDLOCK) WHERE …) UPDATE … ELSE"
                + " INSERT …"), advice);
    }

    @Test
    void reportOfAFailedBatchEntryPairsItsValuesMasksTheTokenAndAdvisesMerge() {
        String token = "tok-5e6f7a8b9c0d";
        SQLException entryError = serverError(2627, 14, 1, "Violation of UNIQUE KEY constraint 'UQ_api_keys_token'."
                + " Cannot insert duplicate key in object 'dbo.api_keys'. The duplicate key value is (" + token + ").");
        BatchUpdateException batch = preparedBatchException(entryError, new int[] {1, FAILED, 1});
        List<ViolationReport> reports = DialectReports.of(batch, DialectReports.preparedBatch(
                "INSERT INTO api_keys (id, label, api_token) VALUES (?, ?, ?)",
                new Object[] {1, "ops", "tok-000000000001"}, new Object[] {2, "billing", token},
                new Object[] {3, "audit", "tok-000000000003"}), true);

        assertEquals(1, reports.size());
        ViolationReport report = reports.get(0);
        assertEquals("microsoft.sql_server", report.db());
        assertEquals(ViolationKind.UNIQUE, report.kind());
        assertEquals("UQ_api_keys_token", report.constraint());
        assertEquals("api_keys", report.table());
        assertEquals(Integer.valueOf(1), report.batchIndex());
        assertEquals("java.sql.BatchUpdateException", report.exception());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", "2");
        values.put("label", "'billing'");
        values.put("api_token", "****");
        assertEquals(values, report.values());
        assertEquals(List.of("2", "'billing'", "****"), report.parameters());
        assertFalse(DialectReports.allText(report).contains(token), DialectReports.allText(report));
        assertTrue(report.message().contains("The duplicate key value is (****)."), report.message());
        assertTrue(report.explanation().contains("api_keys") && report.explanation().contains("UQ_api_keys_token"),
                report.explanation());
        assertTrue(report.remedy().contains("MERGE api_keys WITH (HOLDLOCK)"), report.remedy());
    }

    @Test
    void reportOfAStillReferencedParentTakesTheParentFromTheStatementAndTheChildFromTheMessage() {
        SQLException e = serverError(547, 16, 0, "The DELETE statement conflicted with the REFERENCE constraint"
                + " \"FK_orders_customers\". The conflict occurred in database \"shop\", table \"dbo.orders\", column"
                + " 'customer_id'.");
        ViolationReport report = DialectReports.of(e, DialectReports.prepared("DELETE FROM customers WHERE id = ?", 42),
                false).get(0);
        assertEquals(ViolationKind.FOREIGN_KEY, report.kind());
        assertEquals("customers", report.table());
        assertEquals("customers", report.referencedTable());
        assertEquals("The DELETE on customers was refused: the row is still referenced from orders.customer_id"
                + " through foreign key FK_orders_customers.", report.explanation());
        assertTrue(report.remedy().startsWith("Delete or re-point the orders rows"), report.remedy());
    }

    private ViolationFacts describe(SQLException e) {
        return DialectReports.describe(dialect, e);
    }

    /**
     * SQLServerPreparedStatement.executeBatch: it keeps the first entry's error, goes on, and throws a plain
     * BatchUpdateException with that error's text, state and number, the counts, and no cause.
     */
    private static BatchUpdateException preparedBatchException(SQLException first, int[] counts) {
        BatchUpdateException batch = new BatchUpdateException(first.getMessage(), first.getSQLState(),
                first.getErrorCode(), counts);
        batch.setStackTrace(driverFrames("SQLServerPreparedStatement", "executeBatch"));
        return batch;
    }

    private static StackTraceElement[] driverFrames(String statementClass, String method) {
        return new StackTraceElement[] {
            new StackTraceElement("com.microsoft.sqlserver.jdbc." + statementClass, method, statementClass + ".java",
                    2321),
            new StackTraceElement("com.example.Repository", "saveAll", "Repository.java", 42)};
    }

    /** The exception the TDS parser throws for a server error token, through the driver's own factory. */
    private static SQLServerException serverError(int number, int severity, int state, String text) {
        try {
            Method make = SQLServerException.class.getDeclaredMethod("makeFromDatabaseError",
                    SQLServerConnection.class, Object.class, String.class, SQLServerError.class, boolean.class);
            make.setAccessible(true);
            make.invoke(null, null, null, text, error(number, severity, state, text), false);
            throw new AssertionError("makeFromDatabaseError always throws");
        } catch (InvocationTargetException thrown) {
            return (SQLServerException) thrown.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The same error on a connection with {@code xopenStates=true}, whose generateStateCode gives 42000. */
    private static SQLServerException xopenServerError(int number, String text) throws Exception {
        Constructor<SQLServerException> constructor = SQLServerException.class.getDeclaredConstructor(Object.class,
                String.class, String.class, SQLServerError.class, boolean.class);
        constructor.setAccessible(true);
        return constructor.newInstance(null, text, "42000", error(number, 16, 1, text), false);
    }

    private static SQLServerError error(int number, int severity, int state, String text)
            throws ReflectiveOperationException {
        Constructor<SQLServerError> constructor = SQLServerError.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        SQLServerError error = constructor.newInstance();
        set(error, "errorNumber", number);
        set(error, "errorSeverity", severity);
        set(error, "errorState", state);
        set(error, "errorMessage", text);
        set(error, "serverName", "sql1");
        set(error, "procName", "");
        set(error, "lineNumber", 1L);
        return error;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
