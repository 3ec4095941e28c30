package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.UpdateCounts;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.recognition.ViolationRecognizer;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import oracle.jdbc.driver.DatabaseError;
import oracle.jdbc.internal.OracleConnection;
import org.junit.jupiter.api.Test;

/**
 * Exceptions built by ojdbc11's own factory (the one its T4C layer calls with the server's text and ORA number),
 * so class, SQLSTATE, vendor code and the appended help link are the driver's. The server texts are Oracle's
 * message templates (19c, and 23ai's extended ORA-00001) and translations seen in the wild.
 */
class OracleDialectTest {

    private final OracleDialect dialect = new OracleDialect();

    @Test
    void uniqueViolationNamesTheConstraintFromItsParentheses() {
        SQLException e = oracle(1, "ORA-00001: unique constraint (SHOP.UQ_USERS_EMAIL) violated\n");
        assertTrue(e instanceof SQLIntegrityConstraintViolationException);
        assertEquals("23000", e.getSQLState());
        ViolationFacts facts = describe(e);
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("UQ_USERS_EMAIL", facts.constraint());
        assertNull(facts.table(), "before 23ai the message does not name the table");
        assertTrue(facts.columns().isEmpty());
        assertEquals("ORA-00001: unique constraint (SHOP.UQ_USERS_EMAIL) violated", facts.message(),
                "the help link ojdbc appends is not repeated");
    }

    @Test
    void uniqueViolationOf23aiNamesTableAndColumnsAndPairsTheExistingKeyValues() {
        ViolationFacts facts = describe(oracle(1, "ORA-00001: unique constraint (SHOP.UQ_MEMBERS) violated on table"
                + " SHOP.MEMBERS columns (TENANT_ID, EMAIL)\nORA-03301: (ORA-00001 details) row with column values"
                + " (TENANT_ID:42, EMAIL:'ada@example.com') already exists\n"));
        assertEquals("UQ_MEMBERS", facts.constraint());
        assertEquals("MEMBERS", facts.table());
        assertEquals(List.of("TENANT_ID", "EMAIL"), facts.columns());
        assertEquals(Map.of("TENANT_ID", "42", "EMAIL", "'ada@example.com'"), facts.reportedValues());
    }

    @Test
    void valueInThe23aiDetailLineCannotPoseAsTheConstraint() {
        ViolationFacts facts = describe(oracle(1, "ORA-00001: unique constraint (SHOP.UQ_USERS_NAME) violated on table"
                + " SHOP.USERS columns (NAME)\nORA-03301: (ORA-00001 details) row with column values"
                + " (NAME:'x (EVIL.FAKE) y') already exists\n"));
        assertEquals("UQ_USERS_NAME", facts.constraint());
        assertEquals(Map.of("NAME", "'x (EVIL.FAKE) y'"), facts.reportedValues());
    }

    @Test
    void detailValuesAreNotPairedWithColumnsTheMessageDidNotList() {
        ViolationFacts facts = describe(oracle(1, "ORA-00001: unique constraint (SHOP.UQ_USERS_NAME) violated on table"
                + " SHOP.USERS columns (NAME)\nORA-03301: (ORA-00001 details) row with column values"
                + " (OTHER:'x') already exists\n"));
        assertTrue(facts.reportedValues().isEmpty());
    }

    @Test
    void germanUniqueViolationIsReadByItsCodeAndParentheses() {
        ViolationFacts facts = describe(oracle(1, "ORA-00001: Unique Constraint (SHOP.UQ_USERS_EMAIL) verletzt\n"));
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("UQ_USERS_EMAIL", facts.constraint());
    }

    @Test
    void missingParentIsAChildSideForeignKey() {
        ViolationFacts facts = describe(oracle(2291,
                "ORA-02291: integrity constraint (SHOP.FK_ORDERS_CUSTOMER) violated - parent key not found\n"));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("FK_ORDERS_CUSTOMER", facts.constraint());
        assertNull(facts.referencedTable(), "Oracle names neither table");
    }

    @Test
    void dutchAndGermanMissingParentMessagesAreReadByCodeAndParentheses() {
        ViolationFacts dutch = describe(oracle(2291, "ORA-02291: Integriteitsbeperking (STUD1609516.FK5FAA95BEDEC554D)"
                + " is geschonden - bovenliggende sleutel is niet gevonden.\n"));
        assertEquals(ViolationKind.FOREIGN_KEY, dutch.kind());
        assertEquals("FK5FAA95BEDEC554D", dutch.constraint());
        ViolationFacts german = describe(oracle(2291, "ORA-02291: Integritäts-Constraint (SHOP.FK_ORDERS_CUSTOMER)"
                + " verletzt - übergeordneter Schlüssel nicht gefunden\n"));
        assertEquals("FK_ORDERS_CUSTOMER", german.constraint());
    }

    @Test
    void constraintWithoutSchemaIsReadToo() {
        ViolationFacts facts = describe(oracle(2291, "ORA-02291: restricao de integridade (PES_CLIENTE_PED_PEDIDOC)"
                + " violada - chave mae nao localizada\n"));
        assertEquals("PES_CLIENTE_PED_PEDIDOC", facts.constraint());
    }

    @Test
    void childRecordFoundIsAParentSideForeignKey() {
        ViolationFacts facts = describe(oracle(2292,
                "ORA-02292: integrity constraint (SHOP.FK_ORDERS_CUSTOMER) violated - child record found\n"));
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertTrue(facts.parentSide());
        assertEquals("FK_ORDERS_CUSTOMER", facts.constraint());
    }

    @Test
    void checkViolationNamesTheConstraint() {
        ViolationFacts facts = describe(oracle(2290, "ORA-02290: check constraint (SHOP.CK_ORDERS_QTY) violated\n"));
        assertEquals(ViolationKind.CHECK, facts.kind());
        assertEquals("CK_ORDERS_QTY", facts.constraint());
    }

    @Test
    void nullInsertedNamesTableAndColumnInEveryLanguage() {
        ViolationFacts english = describe(oracle(1400,
                "ORA-01400: cannot insert NULL into (\"SHOP\".\"USERS\".\"EMAIL\")\n"));
        assertEquals(ViolationKind.NOT_NULL, english.kind());
        assertEquals("USERS", english.table());
        assertEquals(List.of("EMAIL"), english.columns());
        ViolationFacts german = describe(oracle(1400,
                "ORA-01400: Einfügen von NULL in (\"SHOP\".\"USERS\".\"EMAIL\") nicht möglich\n"));
        assertEquals("USERS", german.table());
        assertEquals(List.of("EMAIL"), german.columns());
    }

    @Test
    void quotedMixedCaseNamesKeepTheirCase() {
        ViolationFacts facts = describe(oracle(1400,
                "ORA-01400: cannot insert NULL into (\"shop\".\"Users\".\"eMail\")\n"));
        assertEquals("Users", facts.table());
        assertEquals(List.of("eMail"), facts.columns());
    }

    @Test
    void nullUpdateIsANotNullViolationAlthoughTheDriverGivesItSqlState72000() {
        SQLException e = oracle(1407, "ORA-01407: cannot update (\"SHOP\".\"USERS\".\"EMAIL\") to NULL\n");
        assertEquals(SQLException.class, e.getClass(), "ojdbc maps 1402-1478 to a plain SQLException");
        assertEquals("72000", e.getSQLState());
        assertNull(new SqlStateDialect(DatabaseSystem.ORACLE).classify(e), "the SQLSTATE alone misses it");
        ViolationFacts facts = describe(e);
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals("USERS", facts.table());
        assertEquals(List.of("EMAIL"), facts.columns());
    }

    @Test
    void otherOracleErrorsAreNoViolations() {
        assertNull(dialect.classify(oracle(1722, "ORA-01722: invalid number\n")));
        assertNull(dialect.classify(oracle(942, "ORA-00942: table or view does not exist\n")));
    }

    @Test
    void preparedBatchChainsTheViolationAndItsCountsStopAtTheFailedEntry() {
        SQLException violation = oracle(1, "ORA-00001: unique constraint (SHOP.UQ_USERS_EMAIL) violated\n");
        // OraclePreparedStatement: entry 0 ran, entry 1 failed, entry 2 never ran; counts of the rows executed.
        BatchUpdateException batch = DatabaseError.createBatchUpdateException(violation, null, 1, new long[] {-2});
        assertEquals("23000", batch.getSQLState());
        List<RecognizedViolation> found = recognize(batch);
        assertEquals(1, found.size(), "the batch exception repeats the violation and is not counted again");
        assertSame(violation, found.get(0).exception());
        assertSame(batch, found.get(0).batch());
        assertEquals(-1, dialect.failedBatchEntry(batch, violation), "Oracle's message names no entry");
        assertEquals(List.of(1), UpdateCounts.failedEntries(batch.getLargeUpdateCounts(), 3));
    }

    @Test
    void statementBatchCarriesTheOraNumberWithoutSqlState() {
        SQLException violation = oracle(2291,
                "ORA-02291: integrity constraint (SHOP.FK_ORDERS_CUSTOMER) violated - parent key not found\n");
        // OracleStatement.executeBatch: error 81 built from the violation's text, which sets the vendor code.
        BatchUpdateException batch = DatabaseError.createBatchUpdateException(81, violation.getMessage(), 2,
                new long[] {1, 1});
        batch.setNextException(violation);
        assertNull(batch.getSQLState());
        assertEquals(2291, batch.getErrorCode());
        List<RecognizedViolation> found = recognize(batch);
        assertEquals(1, found.size());
        assertSame(violation, found.get(0).exception());
        assertEquals(List.of(2), UpdateCounts.failedEntries(batch.getLargeUpdateCounts(), 4));
    }

    @Test
    void ojdbcExceptionsAreRecognisedAsOracleByTheirDriverFrames() {
        SQLException e = oracle(1, "ORA-00001: unique constraint (SHOP.UQ_USERS_EMAIL) violated\n");
        assertEquals("java.sql.SQLIntegrityConstraintViolationException", e.getClass().getName());
        assertEquals(DatabaseSystem.ORACLE, DatabaseSystem.detect(null, ViolationRecognizer.chainOf(e)));
        assertEquals(DatabaseSystem.ORACLE, DatabaseSystem.ofDriverClass("oracle.jdbc.driver.T4CPreparedStatement"));
        assertSame(OracleDialect.class, Dialects.of(DatabaseSystem.ORACLE).getClass());
    }

    @Test
    void unquotedNamesAreFoldedToUpperCase() {
        assertEquals("USERS", dialect.canonicalName("users"));
        assertEquals("Users Table", dialect.canonicalName("Users Table"));
    }

    @Test
    void upsertAdviceIsAMergeOnTheKey() {
        String advice = dialect.upsertAdvice("USERS", List.of("EMAIL"));
        assertTrue(advice.contains("MERGE INTO USERS t USING (SELECT ? AS EMAIL, … FROM dual) s ON (t.EMAIL = s.EMAIL)"
                + " WHEN MATCHED THEN UPDATE SET … WHEN NOT MATCHED THEN INSERT (…) VALUES (…)"), advice);
    }

    @Test
    void reportPairsTheKeyValuesMasksTheTokenInOraclesOwnMessageAndAdvisesMerge() {
        String token = "tok-9f8e7d6c5b4a";
        SQLException e = oracle(1, "ORA-00001: unique constraint (SHOP.UQ_API_KEYS) violated on table SHOP.API_KEYS"
                + " columns (TENANT_ID, API_TOKEN)\nORA-03301: (ORA-00001 details) row with column values"
                + " (TENANT_ID:42, API_TOKEN:'" + token + "') already exists\n");
        List<ViolationReport> reports = DialectReports.of(e, DialectReports.prepared(
                "INSERT INTO api_keys (id, tenant_id, label, api_token) VALUES (?, ?, ?, ?)", 7, 42, "billing", token),
                false);

        assertEquals(1, reports.size());
        ViolationReport report = reports.get(0);
        assertEquals("oracle.db", report.db());
        assertEquals(ViolationKind.UNIQUE, report.kind());
        assertEquals("UQ_API_KEYS", report.constraint());
        assertEquals("API_KEYS", report.table());
        assertEquals(List.of("TENANT_ID", "API_TOKEN"), report.columns());
        assertEquals(Map.of("TENANT_ID", "42", "API_TOKEN", "****"), report.values());
        assertEquals(List.of("7", "42", "'billing'", "****"), report.parameters());
        assertFalse(DialectReports.allText(report).contains(token), DialectReports.allText(report));
        assertTrue(report.message().contains("API_TOKEN:'****'"), report.message());
        assertTrue(report.explanation().contains("API_KEYS") && report.explanation().contains("UQ_API_KEYS"),
                report.explanation());
        assertTrue(report.explanation().contains("TENANT_ID = 42"), report.explanation());
        assertTrue(report.remedy().contains("MERGE INTO API_KEYS t USING (SELECT ? AS TENANT_ID, ? AS API_TOKEN"),
                report.remedy());
    }

    @Test
    void reportOfAMissingParentDoesNotPassTheWholeRowOffAsTheKey() {
        SQLException e = oracle(2291,
                "ORA-02291: integrity constraint (SHOP.FK_ORDERS_CUSTOMER) violated - parent key not found\n");
        ViolationReport report = DialectReports.of(e, DialectReports.prepared(
                "INSERT INTO orders (id, customer_id, qty) VALUES (?, ?, ?)", 1, 42, 3), false).get(0);
        assertEquals("ORDERS", report.table());
        assertNull(report.referencedTable());
        assertEquals("The INSERT into ORDERS was refused: the row refers to a parent row that does not exist, and"
                + " foreign key FK_ORDERS_CUSTOMER requires it to; values sent: ID = 1, CUSTOMER_ID = 42, QTY = 3.",
                report.explanation());
        assertTrue(report.remedy().startsWith("Insert the parent row first"), report.remedy());
    }

    private ViolationFacts describe(SQLException e) {
        return DialectReports.describe(dialect, e);
    }

    private List<RecognizedViolation> recognize(Throwable thrown) {
        return ViolationRecognizer.recognize(ViolationRecognizer.chainOf(thrown), dialect);
    }

    /** What ojdbc's T4C layer throws for a server error: its factory, fed the server's text and ORA number. */
    private static SQLException oracle(int code, String serverText) {
        return DatabaseError.createSqlException((OracleConnection) null, serverText, code);
    }
}
