package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * An application that runs into every kind of integrity violation on H2, through every way of executing a
 * statement, plus statements that succeed and errors that are not violations. Each scenario is a method of its
 * own, so the agent's call site names it.
 */
public final class H2Violations {

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:it;DB_CLOSE_DELAY=-1", "sa", "")) {
            createSchema(c);
            CommonViolations.uniqueViaPreparedExecuteUpdate(c);
            CommonViolations.uniqueViaPlainStatementLiterals(c);
            foreignKeyMissingParentViaPreparedExecute(c);
            CommonViolations.foreignKeyParentStillReferenced(c);
            CommonViolations.notNullBoundAsNull(c);
            CommonViolations.notNullColumnLeftOut(c);
            CommonViolations.checkFailed(c);
            checkFailedInsideTransaction(c);
            batchWithFailingMiddleEntry(c);
            plainStatementBatch(c);
            secretValues(c);
            secretLiteralInPlainStatement(c);
            newlineInBoundValue(c);
            CommonViolations.throughForwardingWrapper(c);
            successfulStatements(c);
            CommonViolations.syntaxError(c);
            divisionByZero(c);
            repeatedViolations(c, Integer.parseInt(args.length > 0 ? args[0] : "0"));
        }
        if (args.length > 1) {
            Thread.sleep(Long.parseLong(args[1])); // lets the agent's periodic log summary come due
        }
        MetricsScrape.saveIfAsked();
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers(id))");
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200) NOT NULL, age INT, password VARCHAR(100),"
                    + " CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT ck_users_age CHECK (age >= 18))");
            s.execute("CREATE TABLE api_clients (id INT PRIMARY KEY, api_token VARCHAR(100),"
                    + " CONSTRAINT uq_api_clients_token UNIQUE (api_token))");
            s.execute("INSERT INTO customers VALUES (1, 'Ada Lovelace')");
            s.execute("INSERT INTO orders VALUES (100, 1)");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')");
            s.execute("INSERT INTO api_clients VALUES (1, 'tok-9f8e7d6c5b4a')");
        }
    }

    static void foreignKeyMissingParentViaPreparedExecute(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setLong(1, 101L);
            ps.setInt(2, 42);
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyMissingParentViaPreparedExecute", e);
        }
    }

    static void checkFailedInsideTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 7);
            ps.setString(2, "Younger");
            ps.setString(3, "younger@example.com");
            ps.setInt(4, 11);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("checkFailedInsideTransaction", e);
            c.rollback();
        } finally {
            c.setAutoCommit(true);
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

    static void newlineInBoundValue(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Mallory\nWARN integrity - forged line\r\u001b[31m");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("newlineInBoundValue", e);
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
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT id, email FROM users ORDER BY id")) {
            StringBuilder all = new StringBuilder();
            while (rows.next()) {
                all.append(rows.getInt(1)).append('=').append(rows.getString(2)).append(' ');
            }
            Fingerprint.result("successfulQuery", all.toString().trim());
        }
    }

    static void divisionByZero(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 / ? FROM customers")) {
            ps.setInt(1, 0);
            ps.executeQuery().next();
        } catch (SQLException e) {
            Fingerprint.caught("divisionByZero", e);
        }
    }

    static void repeatedViolations(Connection c, int times) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            for (int i = 0; i < times; i++) {
                ps.setInt(1, 1);
                ps.setString(2, "Repeat " + i);
                try {
                    ps.executeUpdate();
                } catch (SQLException expected) {
                    // a retry loop that keeps failing the same way
                }
            }
        }
        Fingerprint.result("repeatedViolations", times);
    }
}
