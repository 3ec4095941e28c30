package io.integrityagent.model;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/** One exception that reports an integrity violation, with its kind and the batch exception around it. */
public final class RecognizedViolation {

    private final SQLException exception;
    private final ViolationKind kind;
    private final BatchUpdateException batch;

    public RecognizedViolation(SQLException exception, ViolationKind kind) {
        this(exception, kind, null);
    }

    private RecognizedViolation(SQLException exception, ViolationKind kind, BatchUpdateException batch) {
        this.exception = exception;
        this.kind = kind;
        this.batch = batch;
    }

    public RecognizedViolation inBatch(BatchUpdateException batchException) {
        return new RecognizedViolation(exception, kind, batchException);
    }

    public SQLException exception() {
        return exception;
    }

    public ViolationKind kind() {
        return kind;
    }

    /** The batch exception the violation came in, or null when it was not a batch. */
    public BatchUpdateException batch() {
        return batch;
    }
}
