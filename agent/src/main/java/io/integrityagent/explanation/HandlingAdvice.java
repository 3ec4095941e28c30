package io.integrityagent.explanation;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Layer;
import io.integrityagent.model.AccessPath.Moment;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Handling;
import io.integrityagent.model.Handling.Rollback;
import io.integrityagent.model.ViolationKind;
import java.sql.SQLException;

/**
 * "Handle it where it surfaces": what the application's code at the call site receives for a violation, judged
 * from the layer the statement came through ({@link AccessPath}), what to catch and test there, when it
 * surfaces, and whether the transaction must be rolled back. Where the frames do not tell the layer, it names
 * what the driver threw, as for plain JDBC.
 */
public final class HandlingAdvice {

    private static final String DB_ACTION_EXECUTION =
            "org.springframework.data.relational.core.conversion.DbActionExecutionException";
    private static final String JPA_ROLLBACK = "jakarta.persistence.RollbackException";

    private final AccessPath path;
    private final Moment moment;
    private final ViolationKind kind;
    private final DatabaseSystem system;
    private final HandlingCase given;
    private final String at;

    private HandlingAdvice(HandlingCase given) {
        this.path = given.path;
        this.moment = given.moment;
        this.kind = given.kind;
        this.system = given.system;
        this.given = given;
        this.at = given.at;
    }

    /**
     * @param thrown     what the driver threw (the application's plain-JDBC code receives this one)
     * @param violation  the exception of its chain that reports the violation
     * @param atCommit   whether the failing statement was the COMMIT (a deferred constraint)
     * @param autoCommit the connection's auto-commit mode when it failed; null when it could not be read
     * @param callSite   the application frame that sent the statement, or null
     */
    public static Handling advise(AccessPath path, ViolationKind kind, DatabaseSystem system, Throwable thrown,
                                  SQLException violation, boolean atCommit, Boolean autoCommit, String callSite) {
        return advise(HandlingCase.of(path, kind, system, thrown, violation, atCommit, autoCommit, callSite));
    }

    /** The advice for a case, worded from the case alone. */
    static Handling advise(HandlingCase given) {
        return new HandlingAdvice(given).handling(given.autoCommit);
    }

    private Handling handling(Boolean autoCommit) {
        Catch what = catchFor(path.layer());
        Rollback rollback = rollback(autoCommit);
        String advice = what.sentence + surfacing() + rollbackSentence(rollback);
        return new Handling(path.layer().label(), what.thrown, what.catchType, what.cause, what.test, moment.label(),
                rollback, advice);
    }

    /** What reaches the call site, what to catch, and the sentence that says so. */
    private static final class Catch {
        final String thrown;
        final String catchType;
        final String cause;
        final String test;
        final String sentence;

        Catch(String thrown, String catchType, String cause, String test, String sentence) {
            this.thrown = thrown;
            this.catchType = catchType;
            this.cause = cause;
            this.test = test;
            this.sentence = sentence;
        }
    }

    private Catch catchFor(Layer layer) {
        switch (layer) {
            case SPRING_JDBC:
                return springJdbc();
            case SPRING_DATA_JDBC:
                return springDataJdbc();
            case HIBERNATE:
                return hibernate();
            case SPRING_ORM:
            case SPRING_DATA_JPA:
                return springOfHibernate(layer);
            case JOOQ:
                return jooq();
            case OTHER:
                return new Catch(null, null, driverClass(), test(),
                        path.framework() + " stands between " + at + " and the driver and wraps what it throws: look"
                                + " among the causes of what reaches " + at + " for " + driverThrew() + testClause()
                                + ".");
            default:
                return jdbc();
        }
    }

    private Catch jdbc() {
        String driver = driverClass();
        String catchType = given.catchType;
        String cause = given.cause;
        String test = test();
        StringBuilder sentence = new StringBuilder();
        if (!path.conflicting().isEmpty()) {
            sentence.append("Frames of ").append(String.join(" and ", path.conflicting()))
                    .append(" lie between the driver and ").append(at)
                    .append(", so what reaches it cannot be told: the driver threw ").append(driverThrew())
                    .append("; look for that among the causes of what it catches").append(testClause()).append('.');
            return new Catch(null, null, driver, test, sentence.toString());
        }
        sentence.append("Plain JDBC: the driver throws ").append(driver);
        if (!catchType.equals(driver)) {
            sentence.append(catchType.equals(SQLException.class.getName()) && !given.batch
                    ? ", a plain SQLException rather than SQLIntegrityConstraintViolationException"
                    : ", a " + simpleName(catchType));
        }
        sentence.append(": catch ").append(catchType).append(" at ").append(at);
        if (cause != null) {
            sentence.append(", find ").append(cause).append(" among its next exceptions and causes,");
        }
        if (test != null) {
            sentence.append(" and test ").append(test).append(" to tell this ").append(kind.noun())
                    .append(" violation from other failures");
        }
        sentence.append('.');
        return new Catch(driver, catchType, cause, test, sentence.toString());
    }

    private Catch springJdbc() {
        String spring = given.spring;
        if (spring.equals(FrameworkExceptions.UNCATEGORIZED_SQL)) {
            return new Catch(spring, spring, driverClass(), test(), "Spring JDBC (JdbcTemplate) cannot classify "
                    + driverThrew() + ", so it throws " + spring + ": catch that at " + at + " and test its"
                    + " getSQLException()" + (test() == null ? "" : ": " + test()) + ".");
        }
        return new Catch(spring, spring, null, null, "Spring JDBC (JdbcTemplate) translates it: catch " + spring
                + kindHint(spring) + " at " + at + ".");
    }

    private Catch springDataJdbc() {
        String spring = given.spring;
        String version = path.layerVersion();
        boolean unwrapped = version != null && majorOf(version) >= 4;
        if (unwrapped) {
            return new Catch(spring, spring, null, null, "A Spring Data JDBC repository: catch " + spring
                    + kindHint(spring) + " at " + at + ".");
        }
        String since = version == null ? " (Spring Data JDBC 4.0 and later throw that one itself)" : "";
        return new Catch(DB_ACTION_EXECUTION, DB_ACTION_EXECUTION, spring, null, "A Spring Data JDBC repository"
                + " wraps Spring's " + spring + " in " + DB_ACTION_EXECUTION + ": catch that at " + at
                + " and look at its cause" + since + ".");
    }

    private Catch hibernate() {
        String hibernate = given.hibernate;
        if (moment == Moment.COMMIT) {
            return new Catch(JPA_ROLLBACK, JPA_ROLLBACK, hibernate, null, "JPA's commit throws " + JPA_ROLLBACK
                    + ", whose cause is Hibernate's " + hibernate + " (Hibernate's own API throws that one itself):"
                    + " catch it at " + at + ".");
        }
        return new Catch(hibernate, hibernate, null, null, "Hibernate throws " + hibernate + " (a"
                + " jakarta.persistence.PersistenceException; on Hibernate 5, a javax.persistence.PersistenceException"
                + " wraps it): catch it at " + at + ".");
    }

    private Catch springOfHibernate(Layer layer) {
        String hibernate = given.hibernate;
        String spring = FrameworkExceptions.springOfHibernate(hibernate);
        String who = layer == Layer.SPRING_DATA_JPA ? "A Spring Data JPA repository: Spring" : "Spring";
        String whatever = spring.equals(FrameworkExceptions.DATA_INTEGRITY_VIOLATION)
                ? " (never DuplicateKeyException, even for a unique key)" : "";
        return new Catch(spring, spring, null, null, who + " translates Hibernate's " + hibernate + " into "
                + spring + whatever + ": catch that at " + at + ".");
    }

    private Catch jooq() {
        String jooq = given.jooq;
        String spring = given.spring;
        if (jooq.equals(FrameworkExceptions.JOOQ_DATA_ACCESS)) {
            return new Catch(jooq, jooq, driverClass(), test(), "jOOQ throws " + jooq + ", as the SQLSTATE is not"
                    + " of class 23: catch it at " + at + " and look for " + driverThrew() + " among its causes"
                    + testClause() + ".");
        }
        return new Catch(jooq, jooq, null, null, "jOOQ throws " + jooq + " (a DataAccessException; before jOOQ"
                + " 3.18, DataAccessException itself): catch it at " + at + ". Under Spring Boot's jOOQ starter,"
                + " Spring translates it into " + spring + " instead.");
    }

    private String surfacing() {
        switch (moment) {
            case FLUSH:
                return " It surfaces at the flush, not where the entity was saved or persisted: Hibernate sends the"
                        + " SQL only when it flushes.";
            case AUTO_FLUSH:
                return " It surfaces at the flush Hibernate makes before running a query, not where the entity was"
                        + " saved or persisted.";
            case COMMIT:
                return ormLayer() ? " It surfaces at commit, when the transaction ends, not where the entity was saved or"
                        + " persisted; a flush() (or saveAndFlush()) inside the transaction makes it surface at that"
                        + " call instead."
                        : " It surfaces at commit: the constraint is deferred, and checked only then.";
            default:
                return "";
        }
    }

    /** What becomes of the transaction; null when the connection's mode could not be read. */
    private Rollback rollback(Boolean autoCommit) {
        if (moment == Moment.COMMIT) {
            return Rollback.DONE;
        }
        if (Boolean.TRUE.equals(autoCommit)) {
            return Rollback.NONE;
        }
        if (path.springTransactionBoundary() || ormLayer()) {
            return Rollback.REQUIRED;
        }
        if (autoCommit == null) {
            return null;
        }
        return system == DatabaseSystem.POSTGRESQL ? Rollback.REQUIRED : Rollback.STATEMENT;
    }

    private String rollbackSentence(Rollback rollback) {
        if (rollback == null) {
            return "";
        }
        switch (rollback) {
            case DONE:
                return " The failed commit has rolled the transaction back: retry the whole unit of work in a new"
                        + " transaction.";
            case NONE:
                return " The connection is in auto-commit: the statement was its own transaction, and nothing is"
                        + " left to roll back.";
            case STATEMENT:
                return " " + system.displayName() + " undid only this statement: the transaction can go on, so roll"
                        + " it back only if the unit of work must be all or nothing"
                        + (system == DatabaseSystem.SQL_SERVER ? " (unless XACT_ABORT is ON)" : "") + ".";
            default:
                if (path.springTransactionBoundary()) {
                    return " The exception leaves a @Transactional method on its way: Spring rolls that transaction"
                            + " back, or marks the enclosing one rollback-only, so carrying on in it after catching"
                            + " the exception ends in UnexpectedRollbackException; retry in a new transaction.";
                }
                if (ormLayer()) {
                    return " Roll the transaction back: after this exception Hibernate's session is unusable and JPA"
                            + " marks the transaction for rollback; retry with a new EntityManager.";
                }
                return " PostgreSQL has aborted the transaction: every further statement in it fails with SQLSTATE"
                        + " 25P02 until it is rolled back; to carry on in it, send the statement under a savepoint"
                        + " and roll back to that.";
        }
    }

    private boolean ormLayer() {
        return path.layer() == Layer.HIBERNATE || path.layer() == Layer.SPRING_ORM
                || path.layer() == Layer.SPRING_DATA_JPA;
    }

    /** The check on the violation's exception that tells its kind: its SQLSTATE, or the vendor code when generic. */
    private String test() {
        String sqlState = given.sqlState;
        if (sqlState != null && !sqlState.equals("23000") && !sqlState.startsWith("HY")) {
            return "\"" + sqlState + "\".equals(e.getSQLState())";
        }
        int code = given.errorCode;
        return code == 0 ? null : "e.getErrorCode() == " + code;
    }

    private String testClause() {
        String test = test();
        return test == null ? "" : ", testing " + test;
    }

    private String driverClass() {
        return given.driverClass;
    }

    private String driverThrew() {
        String sqlState = given.sqlState;
        return driverClass() + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")");
    }

    private String kindHint(String spring) {
        return spring.equals(FrameworkExceptions.DUPLICATE_KEY) ? " (a DataIntegrityViolationException, as every"
                + " violation is)" : "";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static int majorOf(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 || end > 4 ? -1 : Integer.parseInt(version.substring(0, end));
    }
}
