package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Passwords sent as MariaDB literals whose text is not the value stored: MariaDB undoes backslash escapes. Inside
 * a transaction the agent does not ask the catalog which column the key covers, so only the literal tells what
 * the key value MariaDB prints is. Every password holds WOMBAT.
 *
 * <p>Arguments: mariadb; the server's JDBC URL; user; a name for the scratch database.
 */
public final class EscapedSecretStatements {

    public static void main(String[] args) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.open(args[0], args[1], args[2], args[3])) {
            db.execute("CREATE TABLE users (id INT PRIMARY KEY, password VARCHAR(100), UNIQUE KEY uk_pw (password))",
                    "INSERT INTO users VALUES (1, 'AB\\tWOMBAT-1'), (2, 'ABWOMBAT-2')");
            Connection c = db.connection;
            inTransaction(c, "tabEscape", EscapedSecretStatements::tabEscape);
            inTransaction(c, "letterEscape", EscapedSecretStatements::letterEscape);
        }
    }

    /** Each scenario a method of its own, so that the agent's call site names it. */
    static void tabEscape(Statement s) throws SQLException {
        s.execute("INSERT INTO users (id, password) VALUES (11, 'AB\\tWOMBAT-1')");
    }

    static void letterEscape(Statement s) throws SQLException {
        s.execute("INSERT INTO users (id, password) VALUES (12, 'AB\\WOMBAT-2')");
    }

    private interface Scenario {
        void run(Statement s) throws SQLException;
    }

    private static void inTransaction(Connection c, String name, Scenario scenario) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            scenario.run(s);
        } catch (SQLException e) {
            Fingerprint.caught(name, e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
