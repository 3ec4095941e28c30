package io.integrityagent.it.apps;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * An application that runs into every kind of integrity violation on an embedded, in-memory database — SQLite,
 * HSQLDB or Derby, named by the first argument — through prepared and plain statements, batches and a wrapping
 * connection, plus statements that succeed and an error that is not a violation. Each scenario is a method of
 * its own, so the agent's call site names it. Every constraint is named, so that no generated name (Derby's
 * hold a UUID) makes two runs print differently.
 */
public final class EmbeddedViolations {

    /** Where Derby writes its log instead of a derby.log in the working directory. */
    public static final OutputStream DERBY_LOG = OutputStream.nullOutputStream();

    public static void main(String[] args) throws Exception {
        System.setProperty("derby.stream.error.field", EmbeddedViolations.class.getName() + ".DERBY_LOG");
        try (Connection c = DriverManager.getConnection(url(args[0]))) {
            createSchema(c, args[0]);
            CommonViolations.uniqueViaPreparedExecuteUpdate(c);
            primaryKeyViaPreparedExecute(c);
            uniqueIndexViolated(c);
            CommonViolations.uniqueViaPlainStatementLiterals(c);
            foreignKeyMissingParentViaPreparedExecute(c);
            CommonViolations.foreignKeyParentStillReferenced(c);
            CommonViolations.notNullBoundAsNull(c);
            CommonViolations.notNullColumnLeftOut(c);
            CommonViolations.checkFailed(c);
            batchWithFailingMiddleEntry(c);
            plainStatementBatch(c);
            secretValues(c);
            secretLiteralInPlainStatement(c);
            CommonViolations.throughForwardingWrapper(c);
            successfulStatements(c);
            CommonViolations.syntaxError(c);
            rowsKept(c);
        }
        MetricsScrape.saveIfAsked();
    }

    private static String url(String database) {
        switch (database) {
            case "sqlite":
                return "jdbc:sqlite::memory:";
            case "hsqldb":
                return "jdbc:hsqldb:mem:it;user=SA";
            case "derby":
                return "jdbc:derby:memory:it;create=true";
            default:
                throw new IllegalArgumentException("no such embedded database: " + database);
        }
    }

    static void createSchema(Connection c, String database) throws SQLException {
        try (Statement s = c.createStatement()) {
            if ("sqlite".equals(database)) {
                s.execute("PRAGMA foreign_keys = ON"); // off by default: SQLite would not check them at all
            }
            s.execute("CREATE TABLE customers (id INT NOT NULL, name VARCHAR(100) NOT NULL,"
                    + " CONSTRAINT pk_customers PRIMARY KEY (id))");
            s.execute("CREATE TABLE orders (id INT NOT NULL, customer_id INT NOT NULL,"
                    + " CONSTRAINT pk_orders PRIMARY KEY (id),"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))");
            s.execute("CREATE TABLE users (id INT NOT NULL, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL,"
                    + " age INT, password VARCHAR(100), CONSTRAINT pk_users PRIMARY KEY (id),"
                    + " CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT ck_users_age CHECK (age >= 18))");
            s.execute("CREATE TABLE api_clients (id INT NOT NULL, api_token VARCHAR(100),"
                    + " CONSTRAINT pk_api_clients PRIMARY KEY (id),"
                    + " CONSTRAINT uq_api_clients_token UNIQUE (api_token))");
            s.execute("CREATE TABLE tags (id INT NOT NULL, label VARCHAR(50), CONSTRAINT pk_tags PRIMARY KEY (id))");
            s.execute("CREATE UNIQUE INDEX ix_tags_label ON tags (label)");
            s.execute("INSERT INTO customers VALUES (1, 'Ada Lovelace')");
            s.execute("INSERT INTO orders VALUES (100, 1)");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')");
            s.execute("INSERT INTO api_clients VALUES (1, 'tok-9f8e7d6c5b4a')");
            s.execute("INSERT INTO tags VALUES (1, 'urgent')");
        }
    }

    static void primaryKeyViaPreparedExecute(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada Again");
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("primaryKeyViaPreparedExecute", e);
        }
    }

    static void uniqueIndexViolated(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tags (id, label) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "urgent");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("uniqueIndexViolated", e);
        }
    }

    static void foreignKeyMissingParentViaPreparedExecute(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setInt(1, 101);
            ps.setInt(2, 42);
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyMissingParentViaPreparedExecute", e);
        }
    }

    static void batchWithFailingMiddleEntry(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            String[] emails = {"first@example.com", "ada@example.com", "third@example.com"};
            for (int i = 0; i < emails.length; i++) {
                ps.setInt(1, 10 + i);
                ps.setString(2, "Batch " + i);
                ps.setString(3, emails[i]);
                ps.setInt(4, 20 + i);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithFailingMiddleEntry", e);
        }
    }

    static void plainStatementBatch(Connection c) {
        try (Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (200, 1)");
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (201, 77)");
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (202, 1)");
            s.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("plainStatementBatch", e);
        }
    }

    static void secretValues(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_clients (id, api_token) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "tok-9f8e7d6c5b4a");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("secretValues", e);
        }
    }

    static void secretLiteralInPlainStatement(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_clients (id, api_token) VALUES (3, 'tok-9f8e7d6c5b4a')");
        } catch (SQLException e) {
            Fingerprint.caught("secretLiteralInPlainStatement", e);
        }
    }

    static void successfulStatements(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, 50);
            insert.setString(2, "Grace");
            insert.setString(3, "grace@example.com");
            insert.setInt(4, 45);
            Fingerprint.result("successfulInsert", insert.executeUpdate());
            insert.setInt(1, 51);
            insert.setString(3, "grace2@example.com");
            insert.addBatch();
            insert.setInt(1, 52);
            insert.setString(3, "grace3@example.com");
            insert.addBatch();
            Fingerprint.result("successfulBatch", Arrays.toString(insert.executeBatch()));
        }
    }

    /** Which rows the batches and single statements left behind: the same with and without the agent. */
    static void rowsKept(Connection c) throws SQLException {
        StringBuilder kept = new StringBuilder();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM users UNION ALL SELECT id FROM orders ORDER BY 1")) {
            while (rows.next()) {
                kept.append(rows.getInt(1)).append(' ');
            }
        }
        Fingerprint.result("rowsKept", kept.toString().trim());
    }
}
