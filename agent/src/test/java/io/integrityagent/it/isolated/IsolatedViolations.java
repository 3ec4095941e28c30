package io.integrityagent.it.isolated;

import io.integrityagent.it.apps.Fingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The violations an application runs on H2 when the driver lives in a class loader of its own (a
 * platform-parented URLClassLoader, an OSGi bundle). Self-contained, with {@link Fingerprint} only, so that it
 * can be packed into an application bundle; each scenario is a method of its own, so the call site names it.
 */
public final class IsolatedViolations {

    /** The scenarios that break a constraint, each exactly once. */
    public static final String[] VIOLATIONS = {"duplicateEmail", "duplicateEmailInLiteralSql",
        "orderForMissingCustomer", "deleteCustomerWithOrders", "userWithoutName", "underageUser",
        "batchWithDuplicateEmail", "plainBatchWithMissingCustomer"};

    private IsolatedViolations() {
    }

    /** Tells which class loaders the application and the driver came from: the same with and without the agent. */
    public static void describeLoaders(Connection c) {
        ClassLoader driverLoader = c.getClass().getClassLoader();
        Fingerprint.result("loaders", "application=" + IsolatedViolations.class.getClassLoader().getClass().getName()
                + " driver=" + driverLoader.getClass().getName() + " driverParent="
                + (driverLoader.getParent() == null ? "none" : driverLoader.getParent().getClass().getName())
                + " driverSeesApplicationClassPath=" + seesClassPath(driverLoader));
    }

    private static boolean seesClassPath(ClassLoader loader) {
        try {
            Class.forName(IsolatedViolations.class.getName(), false, loader);
            return true;
        } catch (ClassNotFoundException expected) {
            return false;
        }
    }

    public static void run(Connection c) throws SQLException {
        createSchema(c);
        duplicateEmail(c);
        duplicateEmailInLiteralSql(c);
        orderForMissingCustomer(c);
        deleteCustomerWithOrders(c);
        userWithoutName(c);
        underageUser(c);
        batchWithDuplicateEmail(c);
        plainBatchWithMissingCustomer(c);
        rowsKept(c);
    }

    private static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers(id))");
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200) NOT NULL, age INT, password VARCHAR(100),"
                    + " CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT ck_users_age CHECK (age >= 18))");
            s.execute("INSERT INTO customers VALUES (1, 'Ada Lovelace')");
            s.execute("INSERT INTO orders VALUES (100, 1)");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')");
        }
    }

    static void duplicateEmail(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "Ada Twin");
            ps.setString(3, "ada@example.com");
            ps.setInt(4, 30);
            ps.setString(5, "hunter2-twin");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("duplicateEmail", e);
        }
    }

    static void duplicateEmailInLiteralSql(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)");
        } catch (SQLException e) {
            Fingerprint.caught("duplicateEmailInLiteralSql", e);
        }
    }

    static void orderForMissingCustomer(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setLong(1, 101L);
            ps.setInt(2, 42);
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("orderForMissingCustomer", e);
        }
    }

    static void deleteCustomerWithOrders(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("deleteCustomerWithOrders", e);
        }
    }

    static void userWithoutName(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 4);
            ps.setNull(2, Types.VARCHAR);
            ps.setString(3, "nameless@example.com");
            ps.setInt(4, 20);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("userWithoutName", e);
        }
    }

    static void underageUser(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 6);
            ps.setString(2, "Young");
            ps.setString(3, "young@example.com");
            ps.setInt(4, 12);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("underageUser", e);
        }
    }

    static void batchWithDuplicateEmail(Connection c) {
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
            Fingerprint.caught("batchWithDuplicateEmail", e);
        }
    }

    static void plainBatchWithMissingCustomer(Connection c) {
        try (Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (200, 1)");
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (201, 77)");
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (202, 1)");
            s.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("plainBatchWithMissingCustomer", e);
        }
    }

    private static void rowsKept(Connection c) throws SQLException {
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
