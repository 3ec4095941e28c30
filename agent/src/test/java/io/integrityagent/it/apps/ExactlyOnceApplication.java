package io.integrityagent.it.apps;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * An application whose data-access layer wraps the driver's exceptions before the application sees them, in every
 * way that once made the agent report one violation twice: a wrapper carrying the driver's exception as its cause,
 * a wrapper whose {@code getNextException()} makes a new copy at each call, a cause cycle, and getters that throw.
 * The driver is loaded by a class loader of its own that cannot see the application's class path (as a
 * container's driver module is), so the agent observes the application's wrapper statements only and receives
 * the wrapped exceptions. Each scenario inserts a duplicate e-mail, in a method of its own so the call site names
 * it.
 *
 * <p>Arguments: {@code h2} or {@code postgresql}, the driver's jar, the JDBC URL, the user, and for PostgreSQL the
 * schema to create and drop.
 */
public final class ExactlyOnceApplication {

    private static final String INSERT = "INSERT INTO users (id, email, password) VALUES (?, ?, ?)";

    public static void main(String[] args) throws Exception {
        boolean postgresql = "postgresql".equals(args[0]);
        String url = postgresql ? args[2] + "?currentSchema=" + args[4] : args[2];
        URLClassLoader driverLoader = new URLClassLoader(new URL[] {Paths.get(args[1]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Driver driver = (Driver) Class.forName(postgresql ? "org.postgresql.Driver" : "org.h2.Driver", true,
                driverLoader).getDeclaredConstructor().newInstance();
        Properties credentials = new Properties();
        credentials.setProperty("user", args[3]);
        credentials.setProperty("password", "");
        try (Connection raw = driver.connect(url, credentials)) {
            try {
                createTables(raw, postgresql ? args[4] : null);
                unwrapped(raw);
                wrapperCarryingTheDriverException(raw);
                wrapperMakingANewNextExceptionAtEachCall(raw);
                causeCycle(raw);
                gettersThatThrow(raw);
                gettersThatThrowIncludingGetCause(raw);
            } finally {
                if (postgresql) {
                    try (Statement s = raw.createStatement()) {
                        s.execute("DROP SCHEMA " + args[4] + " CASCADE");
                    }
                }
            }
        }
        MetricsScrape.saveIfAsked();
    }

    private static void createTables(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
            s.execute("CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, password varchar(100),"
                    + " CONSTRAINT uq_users_email UNIQUE (email))");
            s.execute("INSERT INTO users (id, email) VALUES (1, 'ada@example.com')");
        }
    }

    static void unwrapped(Connection raw) {
        try (PreparedStatement ps = duplicate(raw, 10, e -> e)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            caught("unwrapped", e);
        }
    }

    static void wrapperCarryingTheDriverException(Connection raw) {
        try (PreparedStatement ps = duplicate(raw, 11, e -> new SQLIntegrityConstraintViolationException(
                e.getMessage(), e.getSQLState(), e.getErrorCode(), e))) {
            ps.executeUpdate();
        } catch (SQLException e) {
            caught("wrapperCarryingTheDriverException", e);
        }
    }

    static void wrapperMakingANewNextExceptionAtEachCall(Connection raw) {
        try (PreparedStatement ps = duplicate(raw, 12, CopyingException::new)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            caught("wrapperMakingANewNextExceptionAtEachCall", e);
        }
    }

    static void causeCycle(Connection raw) {
        try (PreparedStatement ps = duplicate(raw, 13, e -> {
            SQLException a = new SQLIntegrityConstraintViolationException(e.getMessage(), e.getSQLState());
            SQLException b = new SQLIntegrityConstraintViolationException(e.getMessage(), e.getSQLState(), a);
            a.initCause(b);
            a.setNextException(e);
            return a;
        })) {
            ps.executeUpdate();
        } catch (SQLException e) {
            caught("causeCycle", e);
        }
    }

    static void gettersThatThrow(Connection raw) {
        try (PreparedStatement ps = duplicate(raw, 14, HostileException::new)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            caught("gettersThatThrow", e);
        }
    }

    static void gettersThatThrowIncludingGetCause(Connection raw) {
        try (PreparedStatement ps = duplicate(raw, 15, UnreadableException::new)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            caught("gettersThatThrowIncludingGetCause", e);
        }
    }

    /** A statement through the data-access layer, bound to insert a second user with Ada's e-mail. */
    private static PreparedStatement duplicate(Connection raw, int id, UnaryOperator<SQLException> wrap)
            throws SQLException {
        PreparedStatement ps = new WrappingConnection(raw, wrap).prepareStatement(INSERT);
        ps.setInt(1, id);
        ps.setString(2, "ada@example.com");
        ps.setString(3, "s3cret-" + id);
        return ps;
    }

    private static void caught(String scenario, SQLException e) {
        if (e instanceof HostileException) {
            System.out.println("CAUGHT " + scenario + " " + e.getClass().getName() + " with getters that throw");
        } else {
            Fingerprint.caught(scenario, e);
        }
    }

    /** The data-access layer's connection: its statements wrap what the driver throws. */
    private static final class WrappingConnection extends ForwardingConnection {
        private final Connection driver;
        private final UnaryOperator<SQLException> wrap;

        WrappingConnection(Connection driver, UnaryOperator<SQLException> wrap) {
            super(driver);
            this.driver = driver;
            this.wrap = wrap;
        }

        @Override
        public PreparedStatement prepareStatement(String sql) throws SQLException {
            return new WrappingStatement(driver.prepareStatement(sql), wrap);
        }
    }

    private static final class WrappingStatement extends ForwardingPreparedStatement {
        private final PreparedStatement driver;
        private final UnaryOperator<SQLException> wrap;

        WrappingStatement(PreparedStatement driver, UnaryOperator<SQLException> wrap) {
            super(driver);
            this.driver = driver;
            this.wrap = wrap;
        }

        @Override
        public int executeUpdate() throws SQLException {
            try {
                return driver.executeUpdate();
            } catch (SQLException e) {
                throw wrap.apply(e);
            }
        }
    }

    /** Carries the driver's exception as its cause, and hands out a fresh copy of itself as next exception. */
    private static final class CopyingException extends SQLIntegrityConstraintViolationException {
        CopyingException(SQLException driver) {
            super(driver.getMessage(), driver.getSQLState(), driver.getErrorCode(), driver);
        }

        @Override
        public SQLException getNextException() {
            return new SQLIntegrityConstraintViolationException(getMessage(), getSQLState(), getErrorCode());
        }
    }

    /** Carries the driver's exception as its cause; its other getters throw. */
    private static class HostileException extends SQLIntegrityConstraintViolationException {
        HostileException(SQLException driver) {
            super("unreadable", "23000", 0, driver);
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage is not supported");
        }

        @Override
        public String getSQLState() {
            throw new IllegalStateException("getSQLState is not supported");
        }

        @Override
        public SQLException getNextException() {
            throw new IllegalStateException("getNextException is not supported");
        }
    }

    /** Not even its cause can be read: only its class says it is an integrity violation. */
    private static final class UnreadableException extends HostileException {
        UnreadableException(SQLException driver) {
            super(driver);
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause is not supported");
        }
    }
}
