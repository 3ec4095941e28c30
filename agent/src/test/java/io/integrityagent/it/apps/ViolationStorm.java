package io.integrityagent.it.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storm: many threads through a HikariCP pool, each running into every kind of violation in turn (duplicate
 * key, missing parent, NULL in a required column, failed CHECK), each kind from a call site of its own. Prints
 * {@code CAUGHT <n>}, the integrity violations (SQLSTATE class 23) the application caught, and exits at once.
 *
 * <p>Arguments: JDBC URL, user, password, schema to create and drop (or {@code -} for none), threads,
 * violations per thread.
 */
public final class ViolationStorm {

    public static void main(String[] args) throws Exception {
        String schema = args[3].equals("-") ? null : args[3];
        int threads = Integer.parseInt(args[4]);
        int perThread = Integer.parseInt(args[5]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0] + (schema == null ? "" : "?currentSchema=" + schema));
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(8);
        AtomicLong caught = new AtomicLong();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            createTables(pool, schema);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Thread worker = new Thread(() -> {
                        try {
                            start.await();
                            for (int i = 0; i < perThread; i++) {
                                int id = 1_000_000 + thread * perThread + i;
                                try (Connection c = pool.getConnection()) {
                                    switch (i % 4) {
                                        case 0: duplicateKey(c); break;
                                        case 1: missingParent(c, id); break;
                                        case 2: missingName(c, id); break;
                                        default: negativeQuantity(c, id); break;
                                    }
                                    throw new AssertionError("a violation was accepted");
                                } catch (SQLException e) {
                                    if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                                        throw new IllegalStateException(e);
                                    }
                                    caught.incrementAndGet();
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "storm-" + t);
                    worker.start();
                    workers.add(worker);
                }
                start.countDown();
                for (Thread worker : workers) {
                    worker.join();
                }
            } finally {
                dropSchema(pool, schema);
            }
        }
        System.out.println("CAUGHT " + caught.get());
        MetricsScrape.saveIfAsked();
    }

    private static void createTables(HikariDataSource pool, String schema) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            }
            s.execute("CREATE TABLE parents (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE items (id INT PRIMARY KEY,"
                    + " parent_id INT CONSTRAINT fk_items_parent REFERENCES parents (id),"
                    + " name VARCHAR(50) NOT NULL, qty INT CONSTRAINT ck_items_qty CHECK (qty >= 0))");
            s.execute("INSERT INTO parents VALUES (1)");
            s.execute("INSERT INTO items VALUES (1, 1, 'first', 1)");
        }
    }

    private static void dropSchema(HikariDataSource pool, String schema) throws SQLException {
        if (schema != null) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    static void duplicateKey(Connection c) throws SQLException {
        insert(c, 1, 1, "again", 1);
    }

    static void missingParent(Connection c, int id) throws SQLException {
        insert(c, id, 999, "orphan", 1);
    }

    static void missingName(Connection c, int id) throws SQLException {
        insert(c, id, 1, null, 1);
    }

    static void negativeQuantity(Connection c, int id) throws SQLException {
        insert(c, id, 1, "negative", -1);
    }

    private static void insert(Connection c, int id, int parent, String name, int qty) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO items (id, parent_id, name, qty)"
                + " VALUES (?, ?, ?, ?)")) {
            p.setInt(1, id);
            p.setInt(2, parent);
            p.setString(3, name);
            p.setInt(4, qty);
            p.executeUpdate();
        }
    }
}
