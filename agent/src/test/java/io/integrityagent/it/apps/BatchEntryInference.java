package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Batches whose driver does not say which entry failed (MariaDB Connector/J's default bulk protocol, MySQL
 * Connector/J with {@code rewriteBatchedStatements=true}, pgjdbc with {@code reWriteBatchedInserts=true}) and
 * multi-row {@code INSERT … VALUES (…), (…)} statements, each failing on a duplicate e-mail, in a method of its
 * own so the agent's call site names it.
 *
 * <p>Arguments: the JDBC URL of the database to work in, with the driver's batch options; the user; for MariaDB
 * and MySQL the server URL to create and drop that database through, for PostgreSQL the schema to create and drop
 * (already named in the URL); nothing for H2.
 */
public final class BatchEntryInference {

    private static final String INSERT = "INSERT INTO users (id, email, name) VALUES (?, ?, ?)";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String container = args.length > 2 ? args[2] : null;
        boolean postgresql = url.startsWith("jdbc:postgresql:");
        String database = postgresql || container == null ? null : url.substring(url.lastIndexOf('/') + 1,
                url.contains("?") ? url.indexOf('?') : url.length());
        if (database != null) {
            try (Connection admin = DriverManager.getConnection(container, user, "");
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                s.execute("CREATE DATABASE " + database);
            }
        }
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            try {
                createTables(c, postgresql ? container : null);
                batchWithOneEntryCarryingTheDuplicate(c);
                batchWithTwoEntriesCarryingTheSameNewValue(c);
                multiRowLiteralInsert(c);
                multiRowPreparedInsert(c);
            } finally {
                try (Statement s = c.createStatement()) {
                    if (postgresql) {
                        s.execute("DROP SCHEMA " + container + " CASCADE");
                    } else if (database != null) {
                        s.execute("DROP DATABASE " + database);
                    }
                }
            }
        }
        MetricsScrape.saveIfAsked();
    }

    private static void createTables(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            }
            s.execute("CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, name varchar(50),"
                    + " CONSTRAINT uq_users_email UNIQUE (email))");
            s.execute("INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada')");
        }
    }

    static void batchWithOneEntryCarryingTheDuplicate(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            add(ps, 10, "a@example.com", "ada@example.com", "c@example.com");
            Fingerprint.result("batchWithOneEntryCarryingTheDuplicate", java.util.Arrays.toString(ps.executeBatch()));
        } catch (SQLException e) {
            Fingerprint.caught("batchWithOneEntryCarryingTheDuplicate", e);
        }
    }

    static void batchWithTwoEntriesCarryingTheSameNewValue(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            add(ps, 20, "z@example.com", "y@example.com", "z@example.com", "w@example.com");
            Fingerprint.result("batchWithTwoEntriesCarryingTheSameNewValue",
                    java.util.Arrays.toString(ps.executeBatch()));
        } catch (SQLException e) {
            Fingerprint.caught("batchWithTwoEntriesCarryingTheSameNewValue", e);
        }
    }

    static void multiRowLiteralInsert(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, email, name) VALUES (40, 'p@example.com', 'P'),"
                    + " (41, 'ada@example.com', 'Q'), (42, 'q@example.com', 'R')");
        } catch (SQLException e) {
            Fingerprint.caught("multiRowLiteralInsert", e);
        }
    }

    static void multiRowPreparedInsert(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, email, name) VALUES (?, ?, ?), (?, ?, ?)")) {
            ps.setInt(1, 50);
            ps.setString(2, "r@example.com");
            ps.setString(3, "R");
            ps.setInt(4, 51);
            ps.setString(5, "ada@example.com");
            ps.setString(6, "S");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("multiRowPreparedInsert", e);
        }
    }

    private static void add(PreparedStatement ps, int firstId, String... emails) throws SQLException {
        for (int i = 0; i < emails.length; i++) {
            ps.setInt(1, firstId + i);
            ps.setString(2, emails[i]);
            ps.setString(3, "Batch " + i);
            ps.addBatch();
        }
    }
}
