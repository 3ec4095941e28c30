package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application that handles its violations with plain JDBC: each scenario catches what the driver throws and
 * prints its class ({@code CAUGHT scenario class}). Inside a transaction it then sends one more statement and
 * prints whether the transaction was still usable ({@code AFTER scenario usable} or the SQLSTATE it got), so a
 * test can hold the agent's rollback advice against what the database really did. Each scenario is a method of
 * its own, so the agent's call site names it.
 *
 * <p>Arguments: h2, postgresql or mariadb; the server's JDBC URL; user; a name for the scratch database.
 */
public final class HandledViolations {

    private static final String INSERT_CUSTOMER = "INSERT INTO customers (id, email) VALUES (?, ?)";
    private static final String INSERT_ORDER = "INSERT INTO orders (id, customer_id) VALUES (?, ?)";

    public static void main(String[] args) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.open(args[0], args[1], args[2], args[3])) {
            db.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL,"
                    + " CONSTRAINT uq_customers_email UNIQUE (email))",
                    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, CONSTRAINT fk_orders_customer"
                    + " FOREIGN KEY (customer_id) REFERENCES customers (id)"
                    + (db.system.equals("postgresql") ? " DEFERRABLE INITIALLY IMMEDIATE" : "") + ")",
                    "INSERT INTO customers (id, email) VALUES (1, 'ada@example.com')");
            Connection c = db.connection;
            duplicateInAutoCommit(c);
            duplicateInTransaction(c);
            missingCustomerInBatch(c);
            if (db.system.equals("postgresql")) {
                deferredMissingCustomerAtCommit(c);
            }
        }
    }

    static void duplicateInAutoCommit(Connection c) {
        try (PreparedStatement insert = c.prepareStatement(INSERT_CUSTOMER)) {
            insert.setInt(1, 2);
            insert.setString(2, "ada@example.com");
            insert.executeUpdate();
        } catch (SQLException e) {
            caught("duplicateInAutoCommit", e);
        }
    }

    static void duplicateInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(INSERT_CUSTOMER)) {
            insert.setInt(1, 3);
            insert.setString(2, "ada@example.com");
            insert.executeUpdate();
        } catch (SQLException e) {
            caught("duplicateInTransaction", e);
            goOnInTransaction(c, "duplicateInTransaction");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    static void missingCustomerInBatch(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(INSERT_ORDER)) {
            insert.setInt(1, 100);
            insert.setInt(2, 1);
            insert.addBatch();
            insert.setInt(1, 101);
            insert.setInt(2, 42);
            insert.addBatch();
            insert.executeBatch();
        } catch (SQLException e) {
            caught("missingCustomerInBatch", e);
            goOnInTransaction(c, "missingCustomerInBatch");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** A deferred foreign key is checked only at commit, so that is where the violation surfaces. */
    static void deferredMissingCustomerAtCommit(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET CONSTRAINTS fk_orders_customer DEFERRED");
            s.executeUpdate("INSERT INTO orders (id, customer_id) VALUES (102, 42)");
            c.commit();
        } catch (SQLException e) {
            caught("deferredMissingCustomerAtCommit", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static void caught(String scenario, SQLException e) {
        System.out.println("CAUGHT " + scenario + " " + e.getClass().getName());
    }

    /** Whether the transaction the violation happened in still takes a statement. */
    private static void goOnInTransaction(Connection c, String scenario) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM customers").close();
            System.out.println("AFTER " + scenario + " usable");
        } catch (SQLException e) {
            System.out.println("AFTER " + scenario + " " + e.getSQLState());
        }
    }
}
