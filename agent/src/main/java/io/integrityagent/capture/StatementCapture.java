package io.integrityagent.capture;

/**
 * What the agent knows about one statement: its SQL, the values bound to it and the entries of its batch.
 * A statement is used by one thread at a time (JDBC's contract), so this class is not synchronized.
 */
public final class StatementCapture {

    private String sql;
    private BoundParameters parameters;
    private BatchEntries batch;
    private BatchEntries executingBatch;

    /** Called with the SQL given to {@code Connection.prepareStatement} or {@code prepareCall}. */
    public void prepared(String sql) {
        this.sql = sql;
    }

    /** The prepared SQL, or null for a plain statement (whose SQL comes with each execute call). */
    public String sql() {
        return sql;
    }

    /** The values bound so far, created on the first bind. */
    public BoundParameters parameters() {
        if (parameters == null) {
            parameters = new BoundParameters();
        }
        return parameters;
    }

    public void clearParameters() {
        if (parameters != null) {
            parameters.clear();
        }
    }

    /** A copy of the values bound now, for a report. */
    public ParameterValues parameterSnapshot() {
        return parameters == null ? ParameterValues.NONE : parameters.snapshot();
    }

    /**
     * {@code PreparedStatement.addBatch()} begins: the values bound now are the entry, taken before the driver
     * runs it, as Derby clears the parameters inside addBatch.
     */
    public void holdBatchEntry() {
        batch().hold(parameters);
    }

    /** {@code PreparedStatement.addBatch()} returned: the entry held when it began joins the batch. */
    public void addHeldBatchEntry() {
        batch().addHeld();
    }

    /** {@code Statement.addBatch(String)}. */
    public void addBatch(String batchSql) {
        batch().add(batchSql);
    }

    public void clearBatch() {
        batch = cleared(batch);
    }

    /**
     * {@code executeBatch} begins: its entries are set aside, because drivers may clear the batch before
     * {@code executeBatch} returns (Connector/J does, in a finally block).
     */
    public void batchExecutionStarted() {
        if (batch != null) { // a nested call (executeLargeBatch calling executeBatch) finds them already aside
            executingBatch = batch;
            batch = null;
        }
    }

    /**
     * Hands the batch being executed over to a report and starts an empty one, as JDBC does after executeBatch;
     * null if it had no entries.
     */
    public BatchEntries detachBatch() {
        BatchEntries detached = executingBatch != null ? executingBatch : batch;
        executingBatch = null;
        batch = null;
        return detached == null || detached.isEmpty() ? null : detached;
    }

    /** {@code executeBatch} returned: its entries are done with, and their columns hold the next batch's. */
    public void batchExecuted() {
        BatchEntries executed = executingBatch != null ? executingBatch : batch;
        executingBatch = null;
        batch = cleared(executed);
    }

    /** Makes this capture as good as new for another statement, keeping the arrays it grew. */
    void reset() {
        sql = null;
        clearParameters();
        executingBatch = null;
        batch = cleared(batch);
    }

    private static BatchEntries cleared(BatchEntries entries) {
        return entries != null && entries.clear() ? entries : null;
    }

    private BatchEntries batch() {
        if (batch == null) {
            batch = new BatchEntries();
        }
        return batch;
    }
}
