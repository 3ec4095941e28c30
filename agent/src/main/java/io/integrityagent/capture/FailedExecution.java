package io.integrityagent.capture;

/**
 * One statement execution that threw, as captured at the moment it failed: everything the rest of the
 * pipeline may need, detached from the statement (which the application may reuse or close right away).
 */
public final class FailedExecution {

    private final Throwable thrown;
    private Object statement;
    private String statementClass;
    private String sql;
    private boolean batch;
    private ParameterValues parameters;
    private BatchEntries batchEntries;

    public FailedExecution(Throwable thrown, Object statement, StatementCapture capture, String executedSql,
                           boolean batch) {
        this.thrown = thrown;
        this.statement = statement;
        this.statementClass = statement == null ? null : statement.getClass().getName();
        this.sql = executedSql != null ? executedSql : capture == null ? null : capture.sql();
        this.batch = batch;
        this.parameters = capture == null ? ParameterValues.NONE : capture.parameterSnapshot();
        this.batchEntries = batch && capture != null ? capture.detachBatch() : null;
    }

    /**
     * Takes what this capture lacks from another capture of the same failure, made by a wrapper statement
     * around the driver's statement (or by the driver's statement inside a wrapper).
     */
    public void fillGapsFrom(FailedExecution other) {
        // A driver running a batch through an internal statement the agent knows nothing of (MySQL Connector/J's
        // rewritten batch, which is closed by now): the failure is the batch's, of the application's statement.
        if (other.batch && !batch && sql == null && parameters.highestIndex() == 0) {
            batch = true;
            statement = other.statement;
            statementClass = other.statementClass;
        }
        if (sql == null) {
            sql = other.sql;
        }
        if (parameters.highestIndex() == 0) {
            parameters = other.parameters;
        }
        if (batchEntries == null) {
            batchEntries = other.batchEntries;
        }
    }

    public Throwable thrown() {
        return thrown;
    }

    /** The statement that failed (the innermost one the agent saw); only for the duration of the report. */
    public Object statement() {
        return statement;
    }

    /** The class of the statement that failed: the innermost one the agent saw, normally the driver's. */
    public String statementClass() {
        return statementClass;
    }

    /** The SQL prepared, or passed to execute; null if the agent never saw it. */
    public String sql() {
        return sql;
    }

    public boolean isBatch() {
        return batch;
    }

    /** The values bound when a single (non-batch) execution failed. */
    public ParameterValues parameters() {
        return parameters;
    }

    /** For executeBatch: the entries the batch held; null otherwise. */
    public BatchEntries batchEntries() {
        return batchEntries;
    }
}
