package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;

/**
 * An application whose driver throws a violation whose getMessage throws (reported with what can still be read),
 * then one that breaks the agent's reading of it (a stack trace with a hole), then an ordinary violation: the
 * second must be contained inside the agent and counted, the others reported.
 */
public final class BrokenDriverApplication {

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:broken;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tags (name VARCHAR(20) PRIMARY KEY)");
                s.execute("INSERT INTO tags VALUES ('java')");
            }
            hostileViolation(c);
            violationThatBreaksTheAgent(c);
            ordinaryViolation(c);
        }
        MetricsScrape.saveIfAsked();
    }

    static void hostileViolation(Connection c) throws SQLException {
        try (Statement broken = new BrokenStatement(c.createStatement())) {
            broken.executeUpdate("INSERT INTO tags VALUES ('java')");
        } catch (HostileViolation e) {
            System.out.println("CAUGHT hostileViolation " + e.getClass().getName() + " state=" + e.getSQLState());
        }
    }

    static void violationThatBreaksTheAgent(Connection c) throws SQLException {
        try (Statement broken = new BrokenStatement(c.createStatement(), new StacklessViolation())) {
            broken.executeUpdate("INSERT INTO tags VALUES ('java')");
        } catch (StacklessViolation e) {
            System.out.println("CAUGHT violationThatBreaksTheAgent " + e.getClass().getName() + " state="
                    + e.getSQLState());
        }
    }

    static void ordinaryViolation(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tags (name) VALUES (?)")) {
            ps.setString(1, "java");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("ordinaryViolation", e);
        }
    }

    /** A driver statement that fails in a way no well-behaved driver would. */
    static final class BrokenStatement extends ForwardingStatement {
        private final SQLException thrown;

        BrokenStatement(Statement delegate) {
            this(delegate, new HostileViolation());
        }

        BrokenStatement(Statement delegate, SQLException thrown) {
            super(delegate);
            this.thrown = thrown;
        }

        @Override
        public int executeUpdate(String sql) throws SQLException {
            throw thrown;
        }
    }

    static final class HostileViolation extends SQLIntegrityConstraintViolationException {
        HostileViolation() {
            super("unreadable", "23505", 1);
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("this driver's exceptions cannot be read");
        }
    }

    static final class StacklessViolation extends SQLIntegrityConstraintViolationException {
        StacklessViolation() {
            super("duplicate", "23505", 1);
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            return new StackTraceElement[] {null};
        }
    }
}
