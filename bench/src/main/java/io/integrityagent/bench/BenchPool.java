package io.integrityagent.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP pool over a private H2 in-memory database, the way most applications reach their database: every
 * operation borrows a connection, prepares on it and gives it back. Under the Integrity Agent both statements of
 * a call are instrumented, HikariCP's proxy and H2's statement behind it, as in production. The pool is fixed
 * (as many idle connections as its maximum), so no connection is opened while measuring.
 */
public final class BenchPool implements AutoCloseable {

    private final Configuration configuration;
    private final HikariDataSource pool;

    private BenchPool(Configuration configuration, HikariDataSource pool) {
        this.configuration = configuration;
        this.pool = pool;
    }

    /** Opens a pool of {@code size} connections to a fresh in-memory database named {@code name}. */
    public static BenchPool open(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + name);
        config.setDataSource(BenchDatabase.dataSource(name));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new BenchPool(Configuration.current(), new HikariDataSource(config));
    }

    public Configuration configuration() {
        return configuration;
    }

    /** A connection borrowed from the pool; closing it gives it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public void execute(String... sql) throws SQLException {
        try (Connection connection = connection()) {
            BenchDatabase.execute(connection, sql);
        }
    }

    /** Creates the item table with rows 1..{@code rows}, as {@link BenchDatabase#createItems(int)} does. */
    public void createItems(int rows) throws SQLException {
        try (Connection connection = connection()) {
            BenchDatabase.createItems(connection, rows);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
