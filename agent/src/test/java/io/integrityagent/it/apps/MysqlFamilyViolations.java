package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * An application that runs into every kind of integrity violation on a MySQL or MariaDB server, through
 * whichever driver the URL names, in a database of its own that it creates and drops. Each scenario is a
 * method of its own, so the agent's call site names it.
 *
 * <p>Arguments: the server's JDBC URL (its database part is replaced), the name of the database to create, and
 * the URL options for the connection the counted batches run on (MariaDB Connector/J's bulk protocol must be
 * off for its update counts to tell the failing entry).
 */
public final class MysqlFamilyViolations {

    public static final String SHORT_TOKEN = "tok-9f8e7d6c5b4a";
    /** Longer than the 64 bytes MariaDB prints of a duplicate key value. */
    public static final String LONG_TOKEN = "tok-" + "0123456789abcdef".repeat(6);

    private static final String INSERT_USER = "INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)";

    public static void main(String[] args) throws Exception {
        String server = args[0].substring(0, args[0].lastIndexOf('/') + 1);
        String database = args[1];
        String batchOptions = args[2].isEmpty() ? "" : "?" + args[2];
        try (Connection admin = DriverManager.getConnection(args[0], "root", "");
             Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
            try (Connection c = open(server + database);
                 Connection counted = open(server + database + batchOptions)) {
                createSchema(c);
                CommonViolations.uniqueViaPreparedExecuteUpdate(c);
                CommonViolations.uniqueViaPlainStatementLiterals(c);
                primaryKeyDuplicate(c);
                compositeUniqueDuplicate(c);
                foreignKeyMissingParentViaPreparedExecute(c);
                CommonViolations.foreignKeyParentStillReferenced(c);
                CommonViolations.notNullBoundAsNull(c);
                CommonViolations.notNullColumnLeftOut(c);
                CommonViolations.checkFailed(c);
                columnCheckFailed(c);
                batchWithFailingMiddleEntry(counted);
                batchWithTwoFailingEntries(counted);
                batchWithDriverDefaults(c);
                plainStatementBatch(c);
                secretValues(c);
                secretLiteralInPlainStatement(c);
                longSecretCutShortByTheDatabase(c);
                secretInBatchWithDriverDefaults(c);
                CommonViolations.throughForwardingWrapper(c);
                successfulStatements(c);
                CommonViolations.syntaxError(c);
                subqueryReturnsMoreThanOneRow(c);
            } finally {
                s.execute("DROP DATABASE " + database);
            }
        }
    }

    private static Connection open(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, "root", "");
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'");
        }
        return c;
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))");
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200) NOT NULL, age INT CHECK (age < 150), password VARCHAR(100),"
                    + " CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT ck_users_age CHECK (age >= 18))");
            s.execute("CREATE TABLE memberships (user_id INT NOT NULL, team VARCHAR(50) NOT NULL,"
                    + " CONSTRAINT uq_memberships UNIQUE (user_id, team))");
            s.execute("CREATE TABLE api_clients (id INT PRIMARY KEY, api_token VARCHAR(200),"
                    + " CONSTRAINT uq_api_clients_token UNIQUE (api_token))");
            s.execute("CREATE TABLE client_keys (id INT PRIMARY KEY, tenant_id INT NOT NULL,"
                    + " api_token VARCHAR(200) NOT NULL, CONSTRAINT uq_client_keys_tenant UNIQUE (tenant_id, api_token))");
            s.execute("INSERT INTO customers VALUES (1, 'Ada Lovelace')");
            s.execute("INSERT INTO orders VALUES (100, 1)");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')");
            s.execute("INSERT INTO memberships VALUES (1, 'core-api')");
            s.execute("INSERT INTO api_clients VALUES (1, '" + SHORT_TOKEN + "')");
            s.execute("INSERT INTO client_keys VALUES (1, 7, '" + LONG_TOKEN + "')");
        }
    }

    static void primaryKeyDuplicate(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada Again");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("primaryKeyDuplicate", e);
        }
    }

    static void compositeUniqueDuplicate(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memberships (user_id, team) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "core-api");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("compositeUniqueDuplicate", e);
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

    static void columnCheckFailed(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET age = ? WHERE id = ?")) {
            ps.setInt(1, 200);
            ps.setInt(2, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("columnCheckFailed", e);
        }
    }

    static void batchWithFailingMiddleEntry(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
            addUsers(ps, 10, "first@example.com", "ada@example.com", "third@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithFailingMiddleEntry", e);
        }
    }

    static void batchWithTwoFailingEntries(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
            addUsers(ps, 20, "b1@example.com", "ada@example.com", "b3@example.com", "first@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithTwoFailingEntries", e);
        }
    }

    static void batchWithDriverDefaults(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
            addUsers(ps, 30, "d1@example.com", "ada@example.com", "d3@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithDriverDefaults", e);
        }
    }

    private static void addUsers(PreparedStatement ps, int firstId, String... emails) throws SQLException {
        for (int i = 0; i < emails.length; i++) {
            ps.setInt(1, firstId + i);
            ps.setString(2, "Batch " + i);
            ps.setString(3, emails[i]);
            ps.setInt(4, 20 + i);
            ps.addBatch();
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
            ps.setString(2, SHORT_TOKEN);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("secretValues", e);
        }
    }

    static void secretLiteralInPlainStatement(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_clients (id, api_token) VALUES (3, '" + SHORT_TOKEN + "')");
        } catch (SQLException e) {
            Fingerprint.caught("secretLiteralInPlainStatement", e);
        }
    }

    static void longSecretCutShortByTheDatabase(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO client_keys (id, tenant_id, api_token) VALUES (?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setInt(2, 7);
            ps.setString(3, LONG_TOKEN);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("longSecretCutShortByTheDatabase", e);
        }
    }

    static void secretInBatchWithDriverDefaults(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO client_keys (id, tenant_id, api_token) VALUES (?, ?, ?)")) {
            String[] tokens = {"tok-fresh-1", LONG_TOKEN, "tok-fresh-3"};
            for (int i = 0; i < tokens.length; i++) {
                ps.setInt(1, 10 + i);
                ps.setInt(2, 7);
                ps.setString(3, tokens[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("secretInBatchWithDriverDefaults", e);
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

    /** MariaDB Connector/J throws a constraint-violation exception for this (SQLSTATE 21000); it is none. */
    static void subqueryReturnsMoreThanOneRow(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT (SELECT id FROM users)")) {
            rows.next();
        } catch (SQLException e) {
            Fingerprint.caught("subqueryReturnsMoreThanOneRow", e);
        }
    }
}
