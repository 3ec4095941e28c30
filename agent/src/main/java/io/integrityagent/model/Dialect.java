package io.integrityagent.model;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;

/**
 * How one database reports integrity violations: which exceptions mean one, what their messages and
 * accessors tell, and how to write an insert-or-update there.
 */
public interface Dialect {

    DatabaseSystem system();

    /** The kind of violation {@code e} reports, or null when it reports none. */
    ViolationKind classify(SQLException e);

    /** Reads the constraint, table, columns and values from {@code e} into {@code facts}, as far as stated. */
    void describe(SQLException e, ViolationFacts facts);

    /**
     * Whether {@code e} stands for a failure that was reported when it happened and is only attached as its cause:
     * pgjdbc attaches the error that aborted a transaction to every statement refused after it.
     */
    default boolean repeatsEarlierFailure(SQLException e) {
        return false;
    }

    /**
     * The batch entry (0-based) that {@code e} reports, when the driver tells it (in its message, or by which
     * failure it keeps), or -1 to go by the order of the failed entries in the update counts.
     */
    default int failedBatchEntry(BatchUpdateException e) {
        return -1;
    }

    /**
     * The entry of {@code batch} that {@code violation} (one exception of its chain) reports, 0-based, or -1.
     * Drivers that chain one exception per failed entry (Db2) name the entry in that exception, not in the
     * batch exception.
     */
    default int failedBatchEntry(BatchUpdateException batch, SQLException violation) {
        return failedBatchEntry(batch);
    }

    /**
     * Whether the entry a driver named by index may be the application's entry of that index, whose bound strings
     * and numbers are {@code values}: a driver that rewrites a batch into statements of several rows numbers its
     * own statements, and the values its message shows tell them apart.
     */
    default boolean namedBatchEntryMayHold(BatchUpdateException e, List<String> values) {
        return true;
    }

    /**
     * The name the database itself uses for an identifier the SQL wrote, so that a table reads the same in
     * every report whether the database or the SQL named it (H2 folds unquoted names to upper case).
     */
    default String canonicalName(String identifier) {
        return identifier;
    }

    /**
     * {@link #canonicalName(String)}, unless the name is {@code exact}: quoted in the SQL, or read from the catalog,
     * it is already the database's own spelling, which folding would change ({@code "Handles"} is not HANDLES).
     */
    default String canonicalName(String identifier, boolean exact) {
        return exact ? identifier : canonicalName(identifier);
    }

    /**
     * Whether {@code "…"} may be a string rather than a name: MySQL and MariaDB read it so unless their sql_mode
     * holds ANSI_QUOTES, and SQLite falls back to it when no column has the name.
     */
    default boolean doubleQuotesMayQuoteStrings() {
        return false;
    }

    /**
     * A catalog query with one parameter (the constraint name) returning the condition of a CHECK constraint,
     * for databases whose message leaves it out; null when the message says it or there is no such query.
     */
    default String checkConditionQuery() {
        return null;
    }

    /**
     * A catalog query with one parameter (the constraint name) returning the name of the index behind a unique
     * constraint, for databases that give that index a name of its own; null when the names are the same.
     */
    default String backingIndexQuery() {
        return null;
    }

    /**
     * A catalog query with two parameters (the index's schema, which may be null for the current one, and the
     * index name) returning the unique or primary-key constraint that owns a unique index, for databases whose
     * message names only the index; null when there is no such query.
     */
    default String indexConstraintQuery() {
        return null;
    }

    /** A sentence fragment telling how to insert-or-update {@code table} on this database. */
    String upsertAdvice(String table, List<String> keyColumns);
}
