package io.integrityagent.explanation;

import static io.integrityagent.explanation.FrameworkExceptions.DATA_INTEGRITY_VIOLATION;
import static io.integrityagent.explanation.FrameworkExceptions.DUPLICATE_KEY;
import static io.integrityagent.explanation.FrameworkExceptions.HIBERNATE_CONSTRAINT_VIOLATION;
import static io.integrityagent.explanation.FrameworkExceptions.HIBERNATE_GENERIC;
import static io.integrityagent.explanation.FrameworkExceptions.JOOQ_DATA_ACCESS;
import static io.integrityagent.explanation.FrameworkExceptions.JOOQ_INTEGRITY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The translation each framework applies, per database and kind, with the SQLSTATEs and codes drivers send. */
class FrameworkExceptionsTest {

    @Test
    void springCallsADuplicateKeyByItsSqlStateOrByTheVendorCodeBehindTheGenericOne() {
        assertEquals(DUPLICATE_KEY, FrameworkExceptions.spring(postgres("23505")));
        assertEquals(DUPLICATE_KEY, FrameworkExceptions.spring(integrity("23505", 23505))); // H2, HSQLDB, Derby
        assertEquals(DUPLICATE_KEY, FrameworkExceptions.spring(integrity("23000", 1062))); // MySQL, MariaDB
        assertEquals(DUPLICATE_KEY, FrameworkExceptions.spring(integrity("23000", 1))); // Oracle
        assertEquals(DUPLICATE_KEY, FrameworkExceptions.spring(integrity("23000", 2627))); // SQL Server
    }

    @Test
    void springCallsEveryOtherViolationADataIntegrityViolation() {
        assertEquals(DATA_INTEGRITY_VIOLATION, FrameworkExceptions.spring(postgres("23503")));
        assertEquals(DATA_INTEGRITY_VIOLATION, FrameworkExceptions.spring(postgres("23502")));
        assertEquals(DATA_INTEGRITY_VIOLATION, FrameworkExceptions.spring(postgres("23514")));
        assertEquals(DATA_INTEGRITY_VIOLATION, FrameworkExceptions.spring(integrity("23000", 1452)));
        assertEquals(DATA_INTEGRITY_VIOLATION, FrameworkExceptions.spring(integrity("23506", 23506)));
    }

    @Test
    void springLooksIntoABatchForTheExceptionItCarries() {
        BatchUpdateException batch = new BatchUpdateException("batch", null, 0, new int[0]);
        batch.setNextException(postgres("23505"));

        assertEquals(DUPLICATE_KEY, FrameworkExceptions.spring(batch));
    }

    @Test
    void hibernateCallsEveryClass23ViolationAConstraintViolationAndAnythingElseGeneric() {
        assertEquals(HIBERNATE_CONSTRAINT_VIOLATION, FrameworkExceptions.hibernate(postgres("23505")));
        assertEquals(HIBERNATE_CONSTRAINT_VIOLATION, FrameworkExceptions.hibernate(integrity("23000", 1452)));
        assertEquals(HIBERNATE_GENERIC, FrameworkExceptions.hibernate(new SQLException("no default", "HY000", 1364)));
        assertEquals(DATA_INTEGRITY_VIOLATION, FrameworkExceptions.springOfHibernate(HIBERNATE_CONSTRAINT_VIOLATION));
    }

    @Test
    void hibernateFindsTheSqlStateDownACycleOfNextExceptionsWithoutLooping() {
        SQLException first = new SQLException("first");
        SQLException second = new SQLException("second");
        first.setNextException(second);
        second.setNextException(first);

        assertEquals(HIBERNATE_GENERIC, FrameworkExceptions.hibernate(first));
    }

    @Test
    void jooqGoesByTheSqlStateClass() {
        assertEquals(JOOQ_INTEGRITY, FrameworkExceptions.jooq(postgres("23P01")));
        assertEquals(JOOQ_INTEGRITY, FrameworkExceptions.jooq(integrity("23000", 4025)));
        assertEquals(JOOQ_DATA_ACCESS, FrameworkExceptions.jooq(new SQLException("no default", "HY000", 1364)));
    }

    private static SQLException integrity(String sqlState, int code) {
        return new SQLIntegrityConstraintViolationException("violation", sqlState, code);
    }

    private static PSQLException postgres(String sqlState) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0Mviolation\0"));
    }
}
