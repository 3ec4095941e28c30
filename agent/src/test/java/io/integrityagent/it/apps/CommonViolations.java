package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The scenarios every database's test application runs the same way, on the same tables (users, customers,
 * orders): each is a method of its own, so the agent's call site names it.
 */
final class CommonViolations {

    private CommonViolations() {
    }

    static void uniqueViaPreparedExecuteUpdate(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "Ada Twin");
            ps.setString(3, "ada@example.com");
            ps.setInt(4, 30);
            ps.setString(5, "hunter2-twin");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("uniqueViaPreparedExecuteUpdate", e);
        }
    }

    static void uniqueViaPlainStatementLiterals(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)");
        } catch (SQLException e) {
            Fingerprint.caught("uniqueViaPlainStatementLiterals", e);
        }
    }

    static void foreignKeyParentStillReferenced(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyParentStillReferenced", e);
        }
    }

    static void notNullBoundAsNull(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 4);
            ps.setNull(2, Types.VARCHAR);
            ps.setString(3, "nameless@example.com");
            ps.setInt(4, 20);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("notNullBoundAsNull", e);
        }
    }

    static void notNullColumnLeftOut(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, email, age) VALUES (5, 'noname@example.com', 20)");
        } catch (SQLException e) {
            Fingerprint.caught("notNullColumnLeftOut", e);
        }
    }

    static void checkFailed(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 6);
            ps.setString(2, "Young");
            ps.setString(3, "young@example.com");
            ps.setInt(4, 12);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("checkFailed", e);
        }
    }

    static void throughForwardingWrapper(Connection c) {
        Connection wrapped = new ForwardingConnection(c);
        try (PreparedStatement ps = wrapped.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setInt(1, 300);
            ps.setInt(2, 4242);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("throughForwardingWrapper", e);
        }
    }

    static void syntaxError(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSRT INTO users VALUES (1)");
        } catch (SQLException e) {
            Fingerprint.caught("syntaxError", e);
        }
    }
}
