package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application whose violating statements carry very long values (issue 7, item 4): a 1 MB literal in plain SQL
 * failing a CHECK, and long keys the database repeats in its message, bound and written as literals. Each
 * scenario is a method of its own, so the agent's call site names it.
 *
 * <p>Arguments: h2, postgresql or mariadb; the server's JDBC URL; user; a name for the scratch database.
 */
public final class LongValues {

    /** 1 MB of x: no database prints so long a value, and nothing the agent writes may. */
    static final String HUGE = "x".repeat(1 << 20);
    /** As long as a unique key may be on every database (MariaDB's utf8mb4 index limit is 768 characters). */
    static final String LONG_EMAIL = "e".repeat(700) + "@example.com";

    public static void main(String[] args) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.open(args[0], args[1], args[2], args[3])) {
            db.execute("CREATE TABLE notes (id INT PRIMARY KEY, body " + db.longText() + ", age INT,"
                    + " CONSTRAINT ck_notes_age CHECK (age >= 18))",
                    "CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(720) NOT NULL,"
                    + " CONSTRAINT uq_accounts_email UNIQUE (email))",
                    "INSERT INTO accounts (id, email) VALUES (1, '" + LONG_EMAIL + "')");
            Connection c = db.connection;
            hugeLiteralFailingACheck(c);
            hugeBoundValueFailingACheck(c);
            longBoundKeyRepeatedByTheDatabase(c);
            longLiteralKeyRepeatedByTheDatabase(c);
        }
    }

    static void hugeLiteralFailingACheck(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO notes (id, body, age) VALUES (1, '" + HUGE + "', 10)");
        } catch (SQLException e) {
            Fingerprint.caught("hugeLiteralFailingACheck", e);
        }
    }

    static void hugeBoundValueFailingACheck(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes (id, body, age) VALUES (?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, HUGE);
            ps.setInt(3, 10);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("hugeBoundValueFailingACheck", e);
        }
    }

    static void longBoundKeyRepeatedByTheDatabase(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, email) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, LONG_EMAIL);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("longBoundKeyRepeatedByTheDatabase", e);
        }
    }

    static void longLiteralKeyRepeatedByTheDatabase(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO accounts (id, email) VALUES (3, '" + LONG_EMAIL + "')");
        } catch (SQLException e) {
            Fingerprint.caught("longLiteralKeyRepeatedByTheDatabase", e);
        }
    }
}
