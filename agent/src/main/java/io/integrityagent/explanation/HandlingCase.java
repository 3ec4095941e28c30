package io.integrityagent.explanation;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Moment;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Objects;

/**
 * Everything the handling advice depends on, read from a violation's exceptions once: class names, a SQLSTATE,
 * a vendor code and what each framework makes of them, never a value. Equal cases get the same advice, so a
 * case is the key the advice is remembered by ({@link RememberedAdvice}): a storm of one constraint from one
 * call site words it once.
 */
final class HandlingCase {

    final AccessPath path;
    final Moment moment;
    final ViolationKind kind;
    final DatabaseSystem system;
    /** The class of what the driver threw. */
    final String driverClass;
    final boolean batch;
    /** The type plain JDBC code catches: the most specific JDBC type of what the driver threw. */
    final String catchType;
    /** The class of the exception that reports the violation when it is not the one thrown, else null. */
    final String cause;
    /** The violation's SQLSTATE when it is one (five letters or digits), else null. */
    final String sqlState;
    final int errorCode;
    /** What the layer of {@link #path} makes of the driver's exception; null for the layers that keep it. */
    final String spring;
    final String hibernate;
    final String jooq;
    /** The call site, or the words that stand in for it. */
    final String at;
    /** The connection's auto-commit mode; null when it could not be read. */
    final Boolean autoCommit;

    private HandlingCase(AccessPath path, ViolationKind kind, DatabaseSystem system, Throwable thrown,
                         SQLException violation, boolean atCommit, Boolean autoCommit, String callSite) {
        this.path = path;
        this.moment = atCommit ? Moment.COMMIT : path.moment();
        this.kind = kind;
        this.system = system;
        this.driverClass = thrown.getClass().getName();
        this.batch = thrown instanceof BatchUpdateException;
        this.catchType = batch ? BatchUpdateException.class.getName()
                : thrown instanceof SQLIntegrityConstraintViolationException
                ? SQLIntegrityConstraintViolationException.class.getName()
                : thrown instanceof SQLException ? SQLException.class.getName() : driverClass;
        this.cause = violation == thrown ? null : violation.getClass().getName();
        this.sqlState = sqlStateOf(violation);
        this.errorCode = violation.getErrorCode();
        // Frameworks translate the exception the driver threw; a wrapper that is no SQLException leaves them the cause.
        SQLException translated = thrown instanceof SQLException ? (SQLException) thrown : violation;
        switch (path.layer()) {
            case SPRING_JDBC:
            case SPRING_DATA_JDBC:
                spring = FrameworkExceptions.spring(translated);
                hibernate = null;
                jooq = null;
                break;
            case HIBERNATE:
            case SPRING_ORM:
            case SPRING_DATA_JPA:
                spring = null;
                hibernate = FrameworkExceptions.hibernate(translated);
                jooq = null;
                break;
            case JOOQ:
                spring = FrameworkExceptions.spring(translated);
                hibernate = null;
                jooq = FrameworkExceptions.jooq(translated);
                break;
            default:
                spring = null;
                hibernate = null;
                jooq = null;
                break;
        }
        this.at = callSite == null ? "the call site" : callSite;
        this.autoCommit = autoCommit;
    }

    /**
     * @param thrown    what the driver threw (the application's plain-JDBC code receives this one)
     * @param violation the exception of its chain that reports the violation
     * @param atCommit  whether the failing statement was the COMMIT (a deferred constraint)
     */
    static HandlingCase of(AccessPath path, ViolationKind kind, DatabaseSystem system, Throwable thrown,
                           SQLException violation, boolean atCommit, Boolean autoCommit, String callSite) {
        return new HandlingCase(path, kind, system, thrown, violation, atCommit, autoCommit, callSite);
    }

    /**
     * The violation's SQLSTATE when it is one: five letters or digits. Whatever else a driver returns there is
     * left out, so the advice stays short whatever the exception says.
     */
    private static String sqlStateOf(SQLException violation) {
        String sqlState = violation.getSQLState();
        if (sqlState == null || sqlState.length() != 5) {
            return null;
        }
        for (int i = 0; i < 5; i++) {
            if (!Character.isLetterOrDigit(sqlState.charAt(i)) || sqlState.charAt(i) > 'z') {
                return null;
            }
        }
        return sqlState;
    }

    /** A generous estimate of the heap the case holds of its own (its names are the JVM's or constants). */
    long estimatedBytes() {
        return 96 + 56 + 2L * at.length();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof HandlingCase)) {
            return false;
        }
        HandlingCase that = (HandlingCase) other;
        return moment == that.moment && kind == that.kind && system == that.system && batch == that.batch
                && errorCode == that.errorCode && path.equals(that.path) && driverClass.equals(that.driverClass)
                && catchType.equals(that.catchType) && Objects.equals(cause, that.cause)
                && Objects.equals(sqlState, that.sqlState) && Objects.equals(spring, that.spring)
                && Objects.equals(hibernate, that.hibernate) && Objects.equals(jooq, that.jooq)
                && at.equals(that.at) && Objects.equals(autoCommit, that.autoCommit);
    }

    @Override
    public int hashCode() {
        int hash = path.hashCode();
        hash = 31 * hash + moment.hashCode();
        hash = 31 * hash + kind.hashCode();
        hash = 31 * hash + system.hashCode();
        hash = 31 * hash + driverClass.hashCode();
        hash = 31 * hash + Objects.hashCode(cause);
        hash = 31 * hash + Objects.hashCode(sqlState);
        hash = 31 * hash + errorCode;
        hash = 31 * hash + at.hashCode();
        return 31 * hash + Objects.hashCode(autoCommit);
    }
}
