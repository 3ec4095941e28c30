package io.integrityagent.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Layer;
import io.integrityagent.model.AccessPath.Moment;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Handling;
import io.integrityagent.model.Handling.Rollback;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class HandlingAdviceTest {

    private static final String CALL_SITE = "com.example.Orders.place(Orders.java:42)";

    @Test
    void onPostgresqlATransactionMustBeRolledBackBecauseTheErrorAbortedIt() {
        Handling handling = advise(path(Layer.JDBC), DatabaseSystem.POSTGRESQL, postgres("23505"), false);

        assertEquals(Rollback.REQUIRED, handling.rollback());
        assertTrue(handling.advice().contains("PostgreSQL has aborted the transaction: every further statement in it"
                + " fails with SQLSTATE 25P02 until it is rolled back"), handling.advice());
        assertTrue(handling.advice().contains("savepoint"), handling.advice());
    }

    @Test
    void onMariadbOnlyTheStatementIsUndoneAndTheVendorCodeTellsTheKind() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062);

        Handling handling = advise(path(Layer.JDBC), DatabaseSystem.MARIADB, duplicate, false);

        assertEquals(Rollback.STATEMENT, handling.rollback());
        assertEquals("java.sql.SQLIntegrityConstraintViolationException", handling.thrown());
        assertEquals("java.sql.SQLIntegrityConstraintViolationException", handling.catchType());
        assertEquals("e.getErrorCode() == 1062", handling.test());
        assertTrue(handling.advice().contains("MariaDB undid only this statement: the transaction can go on"),
                handling.advice());
    }

    @Test
    void aPlainSqlExceptionIsCaughtAsSuchAndToldByItsSqlState() {
        Handling handling = advise(path(Layer.JDBC), DatabaseSystem.POSTGRESQL, postgres("23503"), true);

        assertEquals("org.postgresql.util.PSQLException", handling.thrown());
        assertEquals("java.sql.SQLException", handling.catchType());
        assertEquals("\"23503\".equals(e.getSQLState())", handling.test());
        assertTrue(handling.advice().startsWith("Plain JDBC: the driver throws org.postgresql.util.PSQLException, a"
                + " plain SQLException rather than SQLIntegrityConstraintViolationException: catch java.sql.SQLException"
                + " at " + CALL_SITE), handling.advice());
    }

    @Test
    void inAutoCommitThereIsNothingToRollBack() {
        Handling handling = advise(path(Layer.SPRING_JDBC), DatabaseSystem.POSTGRESQL, postgres("23505"), true);

        assertEquals(Rollback.NONE, handling.rollback());
        assertTrue(handling.advice().contains("auto-commit"), handling.advice());
    }

    @Test
    void whenTheTransactionStateIsUnknownTheAdviceSaysNothingOfIt() {
        Handling handling = advise(path(Layer.JDBC), DatabaseSystem.POSTGRESQL, postgres("23505"), null);

        assertNull(handling.rollback());
        assertFalse(handling.advice().contains("roll"), handling.advice());
    }

    @Test
    void aDeferredConstraintFailingAtCommitHasEndedTheTransaction() {
        Handling handling = HandlingAdvice.advise(path(Layer.JDBC), ViolationKind.FOREIGN_KEY,
                DatabaseSystem.POSTGRESQL, postgres("23503"), postgres("23503"), true, false, CALL_SITE);

        assertEquals("commit", handling.surfaces());
        assertEquals(Rollback.DONE, handling.rollback());
        assertTrue(handling.advice().contains("It surfaces at commit: the constraint is deferred"), handling.advice());
    }

    @Test
    void throughASpringTransactionBoundarySpringRollsBackWhateverTheDatabase() {
        AccessPath through = new AccessPath(Layer.SPRING_DATA_JDBC, Moment.STATEMENT, null, true, "3.5.13", List.of());

        Handling handling = advise(through, DatabaseSystem.H2, new SQLIntegrityConstraintViolationException("dup",
                "23505", 23505), false);

        assertEquals(Rollback.REQUIRED, handling.rollback());
        assertTrue(handling.advice().contains("UnexpectedRollbackException"), handling.advice());
    }

    @Test
    void hibernateNeedsARollbackEvenWhereTheDatabaseKeepsTheTransaction() {
        AccessPath hibernate = new AccessPath(Layer.HIBERNATE, Moment.FLUSH, null, false, null, List.of());

        Handling handling = advise(hibernate, DatabaseSystem.MARIADB,
                new SQLIntegrityConstraintViolationException("dup", "23000", 1062), false);

        assertEquals(Rollback.REQUIRED, handling.rollback());
        assertEquals("flush", handling.surfaces());
        assertTrue(handling.advice().contains("Hibernate's session is unusable"), handling.advice());
    }

    @Test
    void mysqlsHy000ForAMissingDefaultIsWhatEachFrameworkCannotClassify() {
        SQLException noDefault = new SQLException("Field 'name' doesn't have a default value", "HY000", 1364);

        Handling spring = advise(path(Layer.SPRING_JDBC), DatabaseSystem.MYSQL, noDefault, true);
        Handling springData = advise(path(Layer.SPRING_DATA_JPA), DatabaseSystem.MYSQL, noDefault, true);
        Handling jooq = advise(path(Layer.JOOQ), DatabaseSystem.MYSQL, noDefault, true);
        Handling jdbc = advise(path(Layer.JDBC), DatabaseSystem.MYSQL, noDefault, true);

        assertEquals("org.springframework.jdbc.UncategorizedSQLException", spring.thrown());
        assertEquals("e.getErrorCode() == 1364", spring.test());
        assertEquals("org.springframework.orm.jpa.JpaSystemException", springData.thrown());
        assertEquals("org.jooq.exception.DataAccessException", jooq.thrown());
        assertEquals("java.sql.SQLException", jdbc.catchType());
        assertEquals("e.getErrorCode() == 1364", jdbc.test());
    }

    @Test
    void sqliteStatesNoSqlStateSoItsResultCodeIsTested() {
        SQLException unique = new SQLiteException("UNIQUE constraint failed: users.email",
                SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);

        assertEquals("e.getErrorCode() == 19", advise(path(Layer.JDBC), DatabaseSystem.SQLITE, unique, true).test());
        assertEquals("org.springframework.jdbc.UncategorizedSQLException",
                advise(path(Layer.SPRING_JDBC), DatabaseSystem.SQLITE, unique, true).thrown());
        assertEquals("org.jooq.exception.IntegrityConstraintViolationException",
                advise(path(Layer.JOOQ), DatabaseSystem.SQLITE, unique, true).thrown());
    }

    @Test
    void aBatchIsCaughtAsTheBatchExceptionWithTheViolationAmongItsNextExceptions() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 was aborted", "23505", 0, new int[0]);
        PSQLException violation = postgres("23505");
        batch.setNextException(violation);

        Handling jdbc = HandlingAdvice.advise(path(Layer.JDBC), ViolationKind.UNIQUE, DatabaseSystem.POSTGRESQL,
                batch, violation, false, true, CALL_SITE);
        Handling spring = HandlingAdvice.advise(path(Layer.SPRING_JDBC), ViolationKind.UNIQUE,
                DatabaseSystem.POSTGRESQL, batch, violation, false, true, CALL_SITE);

        assertEquals("java.sql.BatchUpdateException", jdbc.thrown());
        assertEquals("java.sql.BatchUpdateException", jdbc.catchType());
        assertEquals("org.postgresql.util.PSQLException", jdbc.cause());
        assertEquals("org.springframework.dao.DuplicateKeyException", spring.thrown());
    }

    @Test
    void framesOfTwoFrameworksLeaveTheAdviceToWhatTheDriverThrew() {
        AccessPath unclear = new AccessPath(Layer.JDBC, Moment.STATEMENT, null, false, null,
                List.of("Hibernate", "jOOQ"));

        Handling handling = advise(unclear, DatabaseSystem.POSTGRESQL, postgres("23505"), true);

        assertNull(handling.thrown());
        assertEquals("org.postgresql.util.PSQLException", handling.cause());
        assertTrue(handling.advice().startsWith("Frames of Hibernate and jOOQ lie between the driver and " + CALL_SITE),
                handling.advice());
    }

    @Test
    void anotherFrameworkIsNamedAsTheOneThatWraps() {
        AccessPath myBatis = new AccessPath(Layer.OTHER, Moment.STATEMENT, "MyBatis", false, null, List.of());

        Handling handling = advise(myBatis, DatabaseSystem.POSTGRESQL, postgres("23505"), true);

        assertEquals("other", handling.stack());
        assertEquals("org.postgresql.util.PSQLException", handling.cause());
        assertTrue(handling.advice().startsWith("MyBatis stands between " + CALL_SITE + " and the driver"),
                handling.advice());
    }

    @Test
    void springDataJdbc4ThrowsSpringsExceptionUnwrapped() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException("dup", "23505", 23505);

        Handling three = advise(new AccessPath(Layer.SPRING_DATA_JDBC, Moment.STATEMENT, null, false, "3.5.13",
                List.of()), DatabaseSystem.H2, duplicate, true);
        Handling four = advise(new AccessPath(Layer.SPRING_DATA_JDBC, Moment.STATEMENT, null, false, "4.0.1",
                List.of()), DatabaseSystem.H2, duplicate, true);

        assertEquals("org.springframework.data.relational.core.conversion.DbActionExecutionException", three.thrown());
        assertEquals("org.springframework.dao.DuplicateKeyException", three.cause());
        assertFalse(three.advice().contains("4.0"), three.advice());
        assertEquals("org.springframework.dao.DuplicateKeyException", four.thrown());
        assertNull(four.cause());
    }

    @Test
    void sqlServerKeepsTheTransactionUnlessXactAbortIsOn() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException("Violation of UNIQUE KEY", "23000", 2627);

        Handling handling = advise(path(Layer.JDBC), DatabaseSystem.SQL_SERVER, duplicate, false);

        assertEquals(Rollback.STATEMENT, handling.rollback());
        assertTrue(handling.advice().contains("(unless XACT_ABORT is ON)"), handling.advice());
    }

    @Test
    void whatIsNoSqlStateIsNeitherTestedNorQuoted() {
        SQLException odd = new SQLIntegrityConstraintViolationException("dup", "23505\n" + "x".repeat(10_000), 7);

        Handling handling = advise(path(Layer.JDBC), DatabaseSystem.OTHER, odd, true);

        assertEquals("e.getErrorCode() == 7", handling.test());
        assertTrue(handling.advice().length() < 1000, handling.advice());
    }

    private static Handling advise(AccessPath path, DatabaseSystem system, SQLException thrown, Boolean autoCommit) {
        return HandlingAdvice.advise(path, ViolationKind.UNIQUE, system, thrown, thrown, false, autoCommit, CALL_SITE);
    }

    private static AccessPath path(Layer layer) {
        return new AccessPath(layer, Moment.STATEMENT, null, false, null, List.of());
    }

    private static PSQLException postgres(String sqlState) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0Mviolation\0"));
    }
}
