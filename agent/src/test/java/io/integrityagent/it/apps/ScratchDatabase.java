package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of the test application's own, named by its caller so that parallel runs do not clash: an H2
 * in-memory database, a PostgreSQL schema or a MariaDB database, created on opening and dropped on closing.
 */
final class ScratchDatabase implements AutoCloseable {

    final String system;
    final Connection connection;
    private final String url;
    private final String user;
    private final String name;

    private ScratchDatabase(String system, String url, String user, String name, Connection connection) {
        this.system = system;
        this.url = url;
        this.user = user;
        this.name = name;
        this.connection = connection;
    }

    /**
     * @param system h2, postgresql or mariadb
     * @param url    the server's JDBC URL (ignored for h2)
     */
    static ScratchDatabase open(String system, String url, String user, String name) throws SQLException {
        switch (system) {
            case "h2":
                return new ScratchDatabase(system, url, user, name,
                        DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", ""));
            case "postgresql":
                try (Connection admin = DriverManager.getConnection(url, user, "");
                     Statement s = admin.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                    s.execute("CREATE SCHEMA " + name);
                }
                return new ScratchDatabase(system, url, user, name,
                        DriverManager.getConnection(url + "?currentSchema=" + name, user, ""));
            case "mariadb":
                try (Connection admin = DriverManager.getConnection(url, user, "");
                     Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute("CREATE DATABASE " + name);
                }
                return new ScratchDatabase(system, url, user, name,
                        DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + name, user, ""));
            default:
                throw new IllegalArgumentException("unknown database " + system);
        }
    }

    void execute(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The type of a column holding text of any length. */
    String longText() {
        return system.equals("mariadb") ? "LONGTEXT" : system.equals("h2") ? "CLOB" : "text";
    }

    @Override
    public void close() throws SQLException {
        connection.setAutoCommit(true);
        if (system.equals("h2")) {
            execute("SHUTDOWN");
            return;
        }
        connection.close();
        try (Connection admin = DriverManager.getConnection(url, user, "");
             Statement s = admin.createStatement()) {
            s.execute(system.equals("postgresql") ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }
}
