package io.integrityagent.bootstrap;

/**
 * What the advice inlined into JDBC classes calls, through {@link Hooks#jdbc}. It lives on the bootstrap class
 * path, so that a driver in any class loader resolves it; hence its signatures use only {@code java.base}
 * types ({@code java.sql} is a platform module the bootstrap loader cannot see): statements, connections and
 * the agent's own per-call state are {@code Object}. Every method is cheap on the path that does not fail and
 * never throws.
 */
public interface JdbcHooks {

    /** {@code Connection.prepareStatement(sql, …)} or {@code prepareCall} returned {@code statement}. */
    void prepared(Object statement, String sql);

    void boundObject(Object statement, int index, Object value);

    void boundNull(Object statement, int index);

    void boundInt(Object statement, int index, int value);

    void boundLong(Object statement, int index, long value);

    void boundDouble(Object statement, int index, double value);

    void boundFloat(Object statement, int index, float value);

    void boundBoolean(Object statement, int index, boolean value);

    /** A stream or LOB, bound by the setter named: only the kind of value is kept. */
    void boundPlaceholder(Object statement, int index, String setterName);

    void parametersCleared(Object statement);

    /** {@code PreparedStatement.addBatch()} begins: returns what is bound now, the entry to add once it returns. */
    Object addingBatch(Object statement);

    void batchEntryAdded(Object statement, Object entry);

    /** {@code Statement.addBatch(String)} returned. */
    void sqlBatchAdded(Object statement, String sql);

    void batchCleared(Object statement);

    void closed(Object statement);

    /** An execute call begins; returns the scope to hand to {@link #executed}. */
    Object executing();

    /** {@code executeBatch()} begins; returns the scope to hand to {@link #executed}. */
    Object executingBatch(Object statement);

    /**
     * An execute call ended, normally or not. {@code executedSql} is the SQL argument of a plain statement's
     * execute call, null for prepared statements.
     */
    void executed(Object scope, Object statement, String executedSql, Throwable thrown, boolean batch);

    /** {@code Connection.commit()} or {@code setAutoCommit} ended, normally or not. */
    void committed(Object scope, Object connection, Throwable thrown);
}
