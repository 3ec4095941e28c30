package io.integrityagent.recognition;

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

    /** The failing entry of a batch when the driver names it in its message (0-based), or -1. */
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
     * The name the database itself uses for an identifier the SQL wrote, so that a table reads the same in
     * every report whether the database or the SQL named it (H2 folds unquoted names to upper case).
     */
    default String canonicalName(String identifier) {
        return identifier;
    }

    /** A sentence fragment telling how to insert-or-update {@code table} on this database. */
    String upsertAdvice(String table, List<String> keyColumns);
}
