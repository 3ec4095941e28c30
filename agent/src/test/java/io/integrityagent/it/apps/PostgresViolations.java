package io.integrityagent.it.apps;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * An application that runs into every kind of integrity violation on a PostgreSQL server, through every way of
 * executing a statement and at commit, plus statements that succeed and errors that are not violations. It works
 * in a schema of its own, named by its caller, which it creates first and drops last. Each scenario is a method of
 * its own, so the agent's call site names it.
 *
 * <p>Arguments: JDBC URL (without parameters), user, schema.
 */
public final class PostgresViolations {

    public static void main(String[] args) throws Exception {
        String url = args[0] + "?currentSchema=" + args[2];
        String schema = args[2];
        try (Connection c = DriverManager.getConnection(url, args[1], "")) {
            try {
                createSchema(c, schema);
                CommonViolations.uniqueViaPreparedExecuteUpdate(c);
                primaryKeyViaPreparedExecute(c);
                compositeUniqueKey(c);
                CommonViolations.uniqueViaPlainStatementLiterals(c);
                foreignKeyMissingParentViaPreparedExecute(c);
                CommonViolations.foreignKeyParentStillReferenced(c);
                CommonViolations.notNullBoundAsNull(c);
                CommonViolations.notNullColumnLeftOut(c);
                CommonViolations.checkFailed(c);
                checkFailedOnUpdate(c);
                exclusionOverlappingRange(c);
                batchWithFailingMiddleEntry(c);
                plainStatementBatch(c);
                batchWithoutServerDetailInMessages(url, args[1]);
                batchRewrittenIntoMultiRowInserts(url, args[1]);
                CommonViolations.throughForwardingWrapper(c);
                deferredForeignKeyAtCommit(c);
                deferredForeignKeyAtCommitThroughWrapper(c);
                deferredForeignKeyWhenAutocommitIsSwitchedOn(c);
                secretValues(c);
                secretLiteralInPlainStatement(c);
                secretKnownOnlyToTheDatabase(c);
                violationAbortsTransaction(c, url, args[1]);
                successfulStatements(c);
                CommonViolations.syntaxError(c);
                divisionByZero(c);
            } finally {
                dropSchema(c, schema);
            }
        }
        MetricsScrape.saveIfAsked();
    }

    static void createSchema(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL,"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))");
            s.execute("CREATE TABLE shipments (id int PRIMARY KEY, order_id int NOT NULL,"
                    + " CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id)"
                    + " DEFERRABLE INITIALLY DEFERRED)");
            s.execute("CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL,"
                    + " age int, password text, CONSTRAINT uq_users_email UNIQUE (email),"
                    + " CONSTRAINT ck_users_age CHECK (age >= 18))");
            s.execute("CREATE TABLE memberships (team text NOT NULL, member text NOT NULL, role text,"
                    + " CONSTRAINT uq_memberships_team_member UNIQUE (team, member))");
            s.execute("CREATE TABLE bookings (id int PRIMARY KEY, room text NOT NULL, during tsrange NOT NULL,"
                    + " CONSTRAINT ex_bookings_overlap EXCLUDE USING gist (during WITH &&))");
            s.execute("CREATE TABLE api_clients (id int PRIMARY KEY, api_token text NOT NULL,"
                    + " CONSTRAINT uq_api_clients_token UNIQUE (api_token))");
            s.execute("CREATE TABLE token_grants (id int PRIMARY KEY, api_token text NOT NULL,"
                    + " CONSTRAINT fk_token_grants_client FOREIGN KEY (api_token) REFERENCES api_clients (api_token))");
            s.execute("INSERT INTO customers VALUES (1, 'Ada Lovelace')");
            s.execute("INSERT INTO orders VALUES (100, 1)");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')");
            s.execute("INSERT INTO memberships VALUES ('core', 'ada', 'lead')");
            s.execute("INSERT INTO bookings VALUES (1, 'Blue', '[2024-05-01 10:00, 2024-05-01 12:00)')");
            s.execute("INSERT INTO api_clients VALUES (1, 'tok-9f8e7d6c5b4a')");
            s.execute("INSERT INTO token_grants VALUES (1, 'tok-9f8e7d6c5b4a')");
        }
    }

    static void dropSchema(Connection c, String schema) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static void primaryKeyViaPreparedExecute(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada again");
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("primaryKeyViaPreparedExecute", e);
        }
    }

    static void compositeUniqueKey(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO memberships (team, member, role) VALUES (?, ?, ?)")) {
            ps.setString(1, "core");
            ps.setString(2, "ada");
            ps.setString(3, "reviewer");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("compositeUniqueKey", e);
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

    /** The server's Detail lists the whole updated row, stored password included. */
    static void checkFailedOnUpdate(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET age = ? WHERE id = ?")) {
            ps.setInt(1, 12);
            ps.setInt(2, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("checkFailedOnUpdate", e);
        }
    }

    static void exclusionOverlappingRange(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bookings (id, room, during) VALUES (?, ?, ?::tsrange)")) {
            ps.setInt(1, 2);
            ps.setString(2, "Green");
            ps.setString(3, "[2024-05-01 11:00, 2024-05-01 13:00)");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("exclusionOverlappingRange", e);
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

    /** With logServerErrorDetail=false pgjdbc keeps the Detail and the entry's SQL out of its messages. */
    static void batchWithoutServerDetailInMessages(String url, String user) throws SQLException {
        try (Connection quiet = DriverManager.getConnection(url + "&logServerErrorDetail=false", user, "");
             PreparedStatement ps = quiet.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            int[] ids = {20, 1, 21};
            for (int id : ids) {
                ps.setInt(1, id);
                ps.setString(2, "Quiet " + id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            Fingerprint.caught("batchWithoutServerDetailInMessages", e);
        }
    }

    /** With reWriteBatchedInserts=true pgjdbc numbers the multi-row INSERTs it sent, not the entries. */
    static void batchRewrittenIntoMultiRowInserts(String url, String user) throws SQLException {
        try (Connection rewriting = DriverManager.getConnection(url + "&reWriteBatchedInserts=true", user, "");
             PreparedStatement ps = rewriting.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            int[] ids = {30, 1, 31};
            for (int id : ids) {
                ps.setInt(1, id);
                ps.setString(2, "Rewritten " + id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            Fingerprint.caught("batchRewrittenIntoMultiRowInserts", e);
        }
    }

    /** The foreign key is checked only when the transaction commits. */
    static void deferredForeignKeyAtCommit(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setInt(2, 999);
            Fingerprint.result("deferredInsert", ps.executeUpdate());
            c.commit();
        } catch (SQLException e) {
            Fingerprint.caught("deferredForeignKeyAtCommit", e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void deferredForeignKeyAtCommitThroughWrapper(Connection c) throws SQLException {
        Connection wrapped = new ForwardingConnection(c);
        wrapped.setAutoCommit(false);
        try (PreparedStatement ps = wrapped.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setInt(2, 998);
            Fingerprint.result("deferredInsertThroughWrapper", ps.executeUpdate());
            wrapped.commit();
        } catch (SQLException e) {
            Fingerprint.caught("deferredForeignKeyAtCommitThroughWrapper", e);
        } finally {
            wrapped.setAutoCommit(true);
        }
    }

    /** Switching autocommit on commits the open transaction, and with it checks the deferred constraint. */
    static void deferredForeignKeyWhenAutocommitIsSwitchedOn(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 4);
            ps.setInt(2, 997);
            Fingerprint.result("deferredInsertBeforeAutocommit", ps.executeUpdate());
            c.setAutoCommit(true);
        } catch (SQLException e) {
            Fingerprint.caught("deferredForeignKeyWhenAutocommitIsSwitchedOn", e);
        }
        Fingerprint.result("autocommitAfterFailedSwitch", c.getAutoCommit());
        c.setAutoCommit(true);
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

    /** The statement names only the id; the token comes from the server's Detail alone. */
    static void secretKnownOnlyToTheDatabase(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_clients WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("secretKnownOnlyToTheDatabase", e);
        }
    }

    /**
     * A violation aborts the transaction: the server then refuses everything but a rollback. What the server last
     * ran on the connection, seen from a second one, shows that nothing ran after the failed statement.
     */
    static void violationAbortsTransaction(Connection c, String url, String user) throws SQLException {
        int backend;
        try (Statement s = c.createStatement(); ResultSet pid = s.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            backend = pid.getInt(1);
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada in a transaction");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("violationAbortsTransaction", e);
        }
        try (Connection monitor = DriverManager.getConnection(url, user, "");
             PreparedStatement activity = monitor.prepareStatement(
                     "SELECT state, query FROM pg_stat_activity WHERE pid = ?")) {
            activity.setInt(1, backend);
            try (ResultSet row = activity.executeQuery()) {
                row.next();
                Fingerprint.result("lastOnConnectionAfterViolation", row.getString(1) + " | " + row.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT count(*) FROM customers");
        } catch (SQLException e) {
            Fingerprint.caught("statementInAbortedTransaction", e);
        }
        c.rollback();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement(); ResultSet count = s.executeQuery("SELECT count(*) FROM customers")) {
            count.next();
            Fingerprint.result("customersAfterRollback", count.getInt(1));
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
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 3);
            ps.setInt(2, 100);
            ps.executeUpdate();
            c.commit();
            Fingerprint.result("successfulCommit", "committed");
        } finally {
            c.setAutoCommit(true);
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
}
