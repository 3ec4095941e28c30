package io.integrityagent.bootstrap;

/**
 * What the advice inlined into JDBC classes calls, through {@link Hooks#jdbc}. It lives on the bootstrap class
 * path, so that a driver in any class loader resolves it; hence its signatures use only {@code java.base}
 * types ({@code java.sql} is a platform module the bootstrap loader cannot see): statements and connections are
 * {@code Object}. Every method is cheap on the path that does not fail and
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

    /** {@code PreparedStatement.addBatch()} begins: what is bound now is the entry to add once it returns. */
    void addingBatch(Object statement);

    void batchEntryAdded(Object statement);

    /** {@code Statement.addBatch(String)} returned. */
    void sqlBatchAdded(Object statement, String sql);

    void batchCleared(Object statement);

    void closed(Object statement);

    /**
     * An execute call, {@code commit()} or {@code setAutoCommit} begins. Every such call ends in exactly one of
     * {@link #executed}, {@link #executedBatch} or {@link #committed}, on the same thread, which pair them up.
     */
    void executing();

    /** {@code executeBatch()} begins; it ends in {@link #executedBatch}. */
    void executingBatch(Object statement);

    /**
     * An execute call ended, normally ({@code thrown} null) or not. {@code executedSql} is the SQL argument of
     * a plain statement's execute call, null for prepared statements.
     */
    void executed(Object statement, String executedSql, Throwable thrown);

    void executedBatch(Object statement, Throwable thrown);

    /** {@code Connection.commit()} or {@code setAutoCommit} ended, normally or not. */
    void committed(Object connection, Throwable thrown);
}
