package io.integrityagent.explanation;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Set;

/**
 * Which exception each framework makes of a driver's integrity violation, decided by the same tests the
 * framework applies (read in its source): Spring 6's default {@code SQLExceptionSubclassTranslator} with its
 * SQLSTATE fallback, Hibernate 6's {@code StandardSQLExceptionConverter}, and jOOQ 3.18+'s translation. The
 * agent never loads these classes; it only names them.
 */
final class FrameworkExceptions {

    static final String DUPLICATE_KEY = "org.springframework.dao.DuplicateKeyException";
    static final String DATA_INTEGRITY_VIOLATION = "org.springframework.dao.DataIntegrityViolationException";
    static final String UNCATEGORIZED_SQL = "org.springframework.jdbc.UncategorizedSQLException";
    static final String JPA_SYSTEM = "org.springframework.orm.jpa.JpaSystemException";
    static final String HIBERNATE_CONSTRAINT_VIOLATION = "org.hibernate.exception.ConstraintViolationException";
    static final String HIBERNATE_GENERIC = "org.hibernate.exception.GenericJDBCException";
    static final String JOOQ_INTEGRITY = "org.jooq.exception.IntegrityConstraintViolationException";
    static final String JOOQ_DATA_ACCESS = "org.jooq.exception.DataAccessException";

    /** Spring's DUPLICATE_KEY_ERROR_CODES: the vendor codes that make SQLSTATE 23000 a duplicate key. */
    private static final Set<Integer> DUPLICATE_KEY_CODES = Set.of(1, 301, 1062, 2601, 2627, -239, -268);
    /** The SQLSTATE classes Spring's fallback turns into a DataIntegrityViolationException. */
    private static final Set<String> SPRING_INTEGRITY_CLASSES = Set.of("01", "02", "22", "23", "27", "44");
    /** The SQLSTATE classes Hibernate turns into a ConstraintViolationException. */
    private static final Set<String> HIBERNATE_INTEGRITY_CLASSES = Set.of("23", "27", "44");

    /** Drivers chain a handful of next exceptions; a cycle must not hold the application's thread. */
    private static final int MAX_NEXT = 32;

    private FrameworkExceptions() {
    }

    /** What a {@code JdbcTemplate} throws for {@code thrown}, unless the application set its own translator. */
    static String spring(SQLException thrown) {
        SQLException specific = thrown instanceof BatchUpdateException && thrown.getNextException() != null
                ? thrown.getNextException() : thrown;
        if (specific instanceof SQLIntegrityConstraintViolationException) {
            return duplicateKey(specific.getSQLState(), specific.getErrorCode()) ? DUPLICATE_KEY
                    : DATA_INTEGRITY_VIOLATION;
        }
        if (specific instanceof SQLDataException) {
            return DATA_INTEGRITY_VIOLATION;
        }
        // The fallback reads the SQLSTATE, of the batch's next exception when that has one.
        SQLException stating = thrown;
        String sqlState = thrown.getSQLState();
        SQLException next = thrown.getNextException();
        if (thrown instanceof BatchUpdateException) {
            if (next != null && next.getSQLState() != null) {
                stating = next;
                sqlState = next.getSQLState();
            }
        } else if (sqlState == null && next != null) {
            sqlState = next.getSQLState();
        }
        if (sqlState != null && sqlState.length() >= 2 && SPRING_INTEGRITY_CLASSES.contains(sqlState.substring(0, 2))) {
            return duplicateKey(sqlState, stating.getErrorCode()) ? DUPLICATE_KEY : DATA_INTEGRITY_VIOLATION;
        }
        return UNCATEGORIZED_SQL;
    }

    private static boolean duplicateKey(String sqlState, int errorCode) {
        return "23505".equals(sqlState) || ("23000".equals(sqlState) && DUPLICATE_KEY_CODES.contains(errorCode));
    }

    /** What Hibernate throws for {@code thrown} (on the databases the agent knows: no dialect adds a case). */
    static String hibernate(SQLException thrown) {
        if (thrown instanceof SQLIntegrityConstraintViolationException) {
            return HIBERNATE_CONSTRAINT_VIOLATION;
        }
        String sqlState = thrown.getSQLState();
        // Like Hibernate, down the chain of next exceptions; bounded, as a hostile chain may be a cycle.
        SQLException next = thrown.getNextException();
        for (int depth = 0; sqlState == null && next != null && depth < MAX_NEXT; depth++) {
            sqlState = next.getSQLState();
            next = next.getNextException();
        }
        // The MySQL, MariaDB and H2 dialects map their duplicate-key codes too, which come with class 23 anyway.
        return sqlState != null && sqlState.length() >= 2
                && HIBERNATE_INTEGRITY_CLASSES.contains(sqlState.substring(0, 2))
                ? HIBERNATE_CONSTRAINT_VIOLATION : HIBERNATE_GENERIC;
    }

    /** What Spring's HibernateJpaDialect makes of what Hibernate threw. */
    static String springOfHibernate(String hibernateException) {
        return HIBERNATE_CONSTRAINT_VIOLATION.equals(hibernateException) ? DATA_INTEGRITY_VIOLATION : JPA_SYSTEM;
    }

    /** What jOOQ throws for {@code thrown}: by SQLSTATE class, or for SQLite by its constraint result code. */
    static String jooq(SQLException thrown) {
        String sqlState = thrown.getSQLState();
        boolean integrity = sqlState != null ? sqlState.startsWith("23")
                : thrown.getClass().getName().startsWith("org.sqlite") && thrown.getErrorCode() == 19;
        return integrity ? JOOQ_INTEGRITY : JOOQ_DATA_ACCESS;
    }
}
