package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application whose PostgreSQL schema has hostile names: a table whose name holds a line break and a forged
 * log line, a constraint with a carriage return, U+2028 and a right-to-left override, a column with U+2029. It
 * violates each repeatedly from one call site, pausing in between so that summaries are written while it runs
 * and at its exit. Prints nothing.
 *
 * <p>Arguments: JDBC URL (without parameters), user, schema.
 */
public final class ForgedIdentifiers {

    public static final String FORGED = "WARN integrity - forged";
    public static final String TABLE = "t\n" + FORGED;
    public static final String CONSTRAINT = "u\r" + FORGED + "\u2028" + FORGED + "\u202edegrof";
    public static final String COLUMN = "n\u2029" + FORGED;

    public static void main(String[] args) throws Exception {
        String schema = args[2];
        try (Connection c = DriverManager.getConnection(args[0] + "?currentSchema=" + schema, args[1], "")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
                s.execute("CREATE TABLE " + quoted(TABLE) + " (id int, email text, " + quoted(COLUMN)
                        + " text NOT NULL, CONSTRAINT " + quoted(CONSTRAINT) + " UNIQUE (email))");
                s.execute("INSERT INTO " + quoted(TABLE) + " VALUES (1, 'taken@example.com', 'x')");
            }
            try {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < 3; i++) {
                        duplicateEmail(c);
                        nullInHostileColumn(c);
                    }
                    Thread.sleep(1_500); // a summary interval of 1 s passes: the first round is summarised now
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
        MetricsScrape.saveIfAsked();
    }

    static void duplicateEmail(Connection c) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + quoted(TABLE) + " VALUES (?, ?, ?)")) {
            p.setInt(1, 2);
            p.setString(2, "taken@example.com");
            p.setString(3, "line1\nWARN integrity - forged by a value");
            p.executeUpdate();
            throw new AssertionError("the duplicate was accepted");
        } catch (SQLException expected) {
            // the agent explains it
        }
    }

    static void nullInHostileColumn(Connection c) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + quoted(TABLE) + " VALUES (?, ?, ?)")) {
            p.setInt(1, 3);
            p.setString(2, "free@example.com");
            p.setString(3, null);
            p.executeUpdate();
            throw new AssertionError("the NULL was accepted");
        } catch (SQLException expected) {
            // the agent explains it
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
