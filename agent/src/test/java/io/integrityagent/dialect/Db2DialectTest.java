package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.db2.jcc.DB2Diagnosable;
import com.ibm.db2.jcc.am.Connection;
import com.ibm.db2.jcc.am.ErrorKey;
import com.ibm.db2.jcc.am.Sqlca;
import com.ibm.db2.jcc.am.b5;
import com.ibm.db2.jcc.am.bo;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.recognition.ViolationRecognizer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exceptions built by JCC 12.1.5's own code: an SQLCA as its T4 layer fills it from the server's reply (SQLCODE,
 * SQLSTATE, message tokens), turned into an exception by the driver's factory, which picks the class and writes the
 * message. Tokens are those Db2 for LUW sends (SQL0803N, SQL0407N, SQL0530N–SQL0532N, SQL0543N, SQL0545N).
 */
class Db2DialectTest {

    private final Db2Dialect dialect = new Db2Dialect();

    @Test
    void duplicateKeyNamesTheTableButNoConstraint() {
        SQLException e = db2(-803, "23505", "1", "SHOP.USERS");
        assertEquals("com.ibm.db2.jcc.am.SqlIntegrityConstraintViolationException", e.getClass().getName());
        assertTrue(e instanceof SQLIntegrityConstraintViolationException && e instanceof DB2Diagnosable);
        assertTrue(e.getMessage().startsWith("DB2 SQL Error: SQLCODE=-803, SQLSTATE=23505, SQLERRMC=1;SHOP.USERS,"
                + " DRIVER="), e.getMessage());
        ViolationFacts facts = describe(e);
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("USERS", facts.table());
        assertNull(facts.constraint(), "the first token is the index id, not a name");
        assertTrue(facts.columns().isEmpty());
    }

    @Test
    void serverTextFormHasNoTokensSoTheyAreReadFromTheSqlca() {
        SQLException e = db2WithServerText(-803, "23505", "One or more values in the INSERT statement, UPDATE"
                + " statement, or foreign key update caused by a DELETE statement are not valid because the primary"
                + " key, unique constraint or unique index identified by \"2\" constrains table \"SHOP.USERS\" from"
                + " having duplicate values for the index key.. SQLCODE=-803, SQLSTATE=23505, DRIVER=4.35.11",
                "2", "SHOP.USERS");
        assertFalse(e.getMessage().contains("SQLERRMC"));
        assertEquals("USERS", describe(e).table());
    }

    @Test
    void tokensAreParsedFromTheMessageWhenNoSqlcaIsAtHand() {
        SQLException copy = new SQLIntegrityConstraintViolationException("DB2 SQL Error: SQLCODE=-545, SQLSTATE=23513,"
                + " SQLERRMC=SHOP.ORDERS.CK_ORDERS_QTY, DRIVER=4.35.11", "23513", -545);
        ViolationFacts facts = describe(copy);
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("CK_ORDERS_QTY", facts.constraint());
        assertEquals("ORDERS", facts.table());
    }

    @Test
    void duplicateKeyOnZosNamesAnIndexSpaceAndARowIdWhichAreNoTable() {
        ViolationFacts facts = describe(db2(-803, "23505", "USERSIX1", "X'0000000201'"));
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertNull(facts.table());
    }

    @Test
    void nullIntoNotNullColumnIsUsuallyNamedOnlyByCatalogIds() {
        SQLException byIds = db2(-407, "23502", "TBSPACEID=2, TABLEID=4, COLNO=1");
        assertTrue(byIds.getMessage().contains("SQLERRMC=TBSPACEID=2, TABLEID=4, COLNO=1, DRIVER="),
                byIds.getMessage());
        ViolationFacts ids = describe(byIds);
        assertEquals(ViolationKind.NOT_NULL, ids.kind());
        assertTrue(ids.columns().isEmpty(), "ids are no column name");
        ViolationFacts named = describe(db2(-407, "23502", "EMAIL"));
        assertEquals(List.of("EMAIL"), named.columns());
        ViolationFacts parsed = describe(new SQLException("DB2 SQL Error: SQLCODE=-407, SQLSTATE=23502,"
                + " SQLERRMC=TBSPACEID=2, TABLEID=4, COLNO=1, DRIVER=4.35.11", "23502", -407));
        assertTrue(parsed.columns().isEmpty());
    }

    @Test
    void missingParentIsChildSideAndNamesTheReferencingTable() {
        ViolationFacts facts = describe(db2(-530, "23503", "SHOP.ORDERS.FK_ORDERS_CUSTOMER"));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("FK_ORDERS_CUSTOMER", facts.constraint());
        assertEquals("ORDERS", facts.table());
        assertNull(facts.referencedTable());
    }

    @Test
    void updatedOrDeletedParentKeyIsParentSide() {
        ViolationFacts updated = describe(db2(-531, "23504", "SHOP.ORDERS.FK_ORDERS_CUSTOMER"));
        assertEquals(ViolationKind.FOREIGN_KEY, updated.kind());
        assertTrue(updated.parentSide());
        assertEquals("ORDERS", updated.table(), "the relationship belongs to the referencing table");
        ViolationFacts deleted = describe(db2(-532, "23504", "SHOP.ORDERS.FK_ORDERS_CUSTOMER"));
        assertTrue(deleted.parentSide());
        assertEquals("FK_ORDERS_CUSTOMER", deleted.constraint());
        ViolationFacts restricted = describe(db2(-532, "23001", "SHOP.ORDERS.FK_ORDERS_CUSTOMER"));
        assertEquals(ViolationKind.FOREIGN_KEY, restricted.kind(), "ON DELETE RESTRICT reports 23001");
        assertTrue(restricted.parentSide());
    }

    @Test
    void mixedCaseNamesFromTheTokenKeepTheirCase() {
        ViolationFacts facts = describe(db2(-530, "23503", "DB2INST1.Tasks.Tasks_userId_Users_fk"));
        assertEquals("Tasks_userId_Users_fk", facts.constraint());
        assertEquals("Tasks", facts.table());
    }

    @Test
    void checkViolationsNameConstraintAndTable() {
        ViolationFacts check = describe(db2(-545, "23513", "SHOP.ORDERS.CK_ORDERS_QTY"));
        assertEquals(ViolationKind.CHECK, check.kind());
        assertEquals("CK_ORDERS_QTY", check.constraint());
        assertEquals("ORDERS", check.table());
        ViolationFacts setNull = describe(db2(-543, "23511", "SHOP.ORDERS.CK_ORDERS_CUSTOMER"));
        assertEquals(ViolationKind.CHECK, setNull.kind());
        assertEquals("CK_ORDERS_CUSTOMER", setNull.constraint());
    }

    @Test
    void otherSqlCodesAreNoViolations() {
        assertNull(dialect.classify(db2(-204, "42704", "SHOP.NOPE")));
        assertNull(dialect.classify(db2(-302, "22001", "")));
    }

    @Test
    void batchElementsNameTheirEntryOneBasedAndTheBatchExceptionIsNoViolation() {
        SQLException first = db2(-803, "23505", "1", "SHOP.USERS");
        SQLException second = db2(-530, "23503", "SHOP.ORDERS.FK_ORDERS_CUSTOMER");
        BatchUpdateException batch = batchFailure(new int[] {-3, 1, -3}, first, 0, second, 2);
        assertNull(batch.getSQLState());
        assertEquals(-4229, batch.getErrorCode());
        assertTrue(batch.getMessage().contains("Batch failure.") && batch.getMessage().contains("ERRORCODE=-4229,"
                + " SQLSTATE=null"), batch.getMessage());
        assertTrue(first.getMessage().startsWith("Error for batch element #1: DB2 SQL Error: SQLCODE=-803"),
                first.getMessage());

        List<RecognizedViolation> found = ViolationRecognizer.recognize(ViolationRecognizer.chainOf(batch), dialect);
        assertEquals(2, found.size());
        assertSame(first, found.get(0).exception());
        assertSame(batch, found.get(0).batch());
        assertEquals(0, dialect.failedBatchEntry(batch, first));
        assertEquals(2, dialect.failedBatchEntry(batch, second));
        assertEquals(-1, dialect.failedBatchEntry(batch, batch));
        assertEquals("USERS", describe(first).table(), "the label does not disturb the tokens");
    }

    @Test
    void driverClassesAreRecognisedAsDb2() {
        SQLException e = db2(-803, "23505", "1", "SHOP.USERS");
        assertEquals(DatabaseSystem.DB2, DatabaseSystem.detect(null, ViolationRecognizer.chainOf(e)));
        assertEquals(DatabaseSystem.DB2, DatabaseSystem.ofDriverClass("com.ibm.db2.jcc.t4.T4PreparedStatement"));
        assertSame(Db2Dialect.class, Dialects.of(DatabaseSystem.DB2).getClass());
    }

    @Test
    void unquotedNamesAreFoldedToUpperCaseAndUpsertIsAMerge() {
        assertEquals("API_KEYS", dialect.canonicalName("api_keys"));
        String advice = dialect.upsertAdvice("USERS", List.of("EMAIL"));
        assertTrue(advice.contains("MERGE INTO USERS AS t USING (VALUES (?, …)) AS s (EMAIL, …) ON t.EMAIL = s.EMAIL"
                + " WHEN MATCHED THEN UPDATE SET … WHEN NOT MATCHED THEN INSERT (…) VALUES (…)"), advice);
    }

    @Test
    void reportsOfABatchWithTwoFailedEntriesPairTheirOwnValuesAndMaskTheTokens() {
        SQLException duplicate = db2(-803, "23505", "1", "SHOP.API_KEYS");
        SQLException secondDuplicate = db2(-803, "23505", "1", "SHOP.API_KEYS");
        BatchUpdateException batch = batchFailure(new int[] {-3, 1, -3}, duplicate, 0, secondDuplicate, 2);
        List<ViolationReport> reports = DialectReports.of(batch, DialectReports.preparedBatch(
                "INSERT INTO api_keys (id, label, api_token) VALUES (?, ?, ?)",
                new Object[] {1, "ops", "tok-aaaa11112222"}, new Object[] {2, "billing", "tok-bbbb33334444"},
                new Object[] {3, "audit", "tok-cccc55556666"}), true);

        assertEquals(2, reports.size());
        ViolationReport first = reports.get(0);
        assertEquals("ibm.db2", first.db());
        assertEquals(ViolationKind.UNIQUE, first.kind());
        assertEquals("API_KEYS", first.table());
        assertNull(first.constraint());
        assertEquals(Integer.valueOf(0), first.batchIndex());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ID", "1");
        values.put("LABEL", "'ops'");
        values.put("API_TOKEN", "****");
        assertEquals(values, first.values());
        assertEquals(Integer.valueOf(2), reports.get(1).batchIndex());
        assertEquals("'audit'", reports.get(1).values().get("LABEL"));
        for (ViolationReport report : reports) {
            String text = DialectReports.allText(report);
            assertFalse(text.contains("tok-aaaa11112222") || text.contains("tok-cccc55556666"), text);
            assertTrue(report.message().startsWith("Error for batch element #"), report.message());
            assertTrue(report.explanation().contains("API_KEYS"), report.explanation());
            assertTrue(report.remedy().contains("MERGE INTO API_KEYS AS t USING (VALUES (?, …))"), report.remedy());
        }
    }

    private ViolationFacts describe(SQLException e) {
        return DialectReports.describe(dialect, e);
    }

    /** What JCC throws for a failed statement: the T4 layer's SQLCA, made an exception by the driver's factory. */
    private static SQLException db2(int sqlCode, String sqlState, String... tokens) {
        return b5.a(Db2DialectTest.class, null, sqlca(sqlCode, sqlState, tokens, null));
    }

    /**
     * With {@code retrieveMessagesFromServerOnGetMessage} the driver asks the server for the text; without a
     * connection here, the finished text is handed to the SQLCA the way the driver's message getter returns it.
     */
    private static SQLException db2WithServerText(int sqlCode, String sqlState, String text, String... tokens) {
        return b5.a(Db2DialectTest.class, null, sqlca(sqlCode, sqlState, tokens, text));
    }

    /**
     * JCC's non-atomic batch: each failed element's exception labelled with its position, chained behind the
     * first, under a BatchUpdateException of its own with the update counts.
     */
    private static BatchUpdateException batchFailure(int[] counts, SQLException first, int firstEntry,
                                                     SQLException second, int secondEntry) {
        ((bo) first).setBatchPositionLabel(firstEntry);
        ((bo) second).setBatchPositionLabel(secondEntry);
        first.setNextException(second);
        BatchUpdateException batch = b5.a(Db2DialectTest.class, null, ErrorKey.BATCH_ERROR, "10040", counts);
        batch.setNextException(first);
        return batch;
    }

    private static Sqlca sqlca(int sqlCode, String sqlState, String[] tokens, String serverText) {
        try {
            Class<?> t4 = Class.forName("com.ibm.db2.jcc.t4.T4Sqlca");
            Constructor<?> constructor = t4.getDeclaredConstructor(Connection.class, int.class, byte[].class,
                    byte[].class, int.class, String.class);
            constructor.setAccessible(true);
            Sqlca sqlca = (Sqlca) constructor.newInstance(null, sqlCode, sqlState.getBytes(StandardCharsets.UTF_8),
                    null, 1208, "UTF-8");
            set(sqlca, "sqlErrmcTokens_", tokens);
            if (serverText != null) {
                set(sqlca, "sqldcMsgString_", serverText);
            }
            return sqlca;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void set(Sqlca sqlca, String field, Object value) throws ReflectiveOperationException {
        Field f = Sqlca.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(sqlca, value);
    }
}
