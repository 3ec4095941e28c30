package io.integrityagent.it.apps;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.h2.jdbc.JdbcPreparedStatement;

/**
 * An application that reaches H2 through a connection pool, named by the first argument, with the pool's
 * statement cache on where it has one: the violating statement is the cached one, prepared by an earlier
 * request whose insert succeeded. Each scenario borrows a connection of its own, as a service's requests do.
 */
public final class PooledViolations {

    private static final String INSERT_USER = "INSERT INTO users (id, name, email) VALUES (?, ?, ?)";

    /** The driver's statement behind the pool's in the first request, which the pool's cache keeps. */
    private static Object firstDriverStatement;

    public static void main(String[] args) throws Exception {
        String url = "jdbc:h2:mem:" + args[0] + ";DB_CLOSE_DELAY=-1";
        DataSource pool = pool(args[0], url);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200),"
                    + " CONSTRAINT uq_users_email UNIQUE (email))");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com')");
        }
        firstRequest(pool);
        duplicateEmailFromCachedStatement(pool);
        duplicateEmailInLiteralSql(pool);
        pool.getClass().getMethod("close").invoke(pool); // every one has it; not all are AutoCloseable
        MetricsScrape.saveIfAsked();
    }

    /** Each pool in a class of its own, so that only the one asked for needs its jars on the class path. */
    private static DataSource pool(String name, String url) throws SQLException {
        switch (name) {
            case "dbcp2":
                return Dbcp2.create(url);
            case "c3p0":
                return C3p0.create(url);
            case "tomcat-jdbc":
                return TomcatJdbc.create(url);
            case "agroal":
                return Agroal.create(url);
            default:
                throw new IllegalArgumentException("no such pool: " + name);
        }
    }

    private static final class Dbcp2 {
        static DataSource create(String url) {
            BasicDataSource dbcp = new BasicDataSource();
            dbcp.setUrl(url);
            dbcp.setPoolPreparedStatements(true);
            dbcp.setMaxOpenPreparedStatements(10);
            dbcp.setMaxTotal(1); // one physical connection, so the cached statement is the one reused
            return dbcp;
        }
    }

    private static final class C3p0 {
        static DataSource create(String url) {
            ComboPooledDataSource c3p0 = new ComboPooledDataSource();
            c3p0.setJdbcUrl(url);
            c3p0.setMaxStatements(10);
            c3p0.setMinPoolSize(1);
            c3p0.setInitialPoolSize(1);
            c3p0.setMaxPoolSize(1);
            return c3p0;
        }
    }

    private static final class TomcatJdbc {
        static DataSource create(String url) {
            PoolProperties properties = new PoolProperties();
            properties.setUrl(url);
            properties.setDriverClassName("org.h2.Driver");
            properties.setMaxActive(1);
            properties.setInitialSize(1);
            properties.setJdbcInterceptors("StatementCache(prepared=true,callable=false,max=10)");
            return new org.apache.tomcat.jdbc.pool.DataSource(properties);
        }
    }

    private static final class Agroal {
        static DataSource create(String url) throws SQLException {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(1)
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url))));
        }
    }

    static void firstRequest(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
            ps.setInt(1, 2);
            ps.setString(2, "Grace");
            ps.setString(3, "grace@example.com");
            Fingerprint.result("firstRequest", ps.executeUpdate());
            firstDriverStatement = ps.unwrap(JdbcPreparedStatement.class);
        }
    }

    static void duplicateEmailFromCachedStatement(DataSource pool) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
            Fingerprint.result("driverStatementReused", ps.unwrap(JdbcPreparedStatement.class) == firstDriverStatement);
            ps.setInt(1, 3);
            ps.setString(2, "Ada Again");
            ps.setString(3, "ada@example.com");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("duplicateEmailFromCachedStatement", e);
        }
    }

    static void duplicateEmailInLiteralSql(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, name, email) VALUES (4, 'Grace', 'ada@example.com')");
        } catch (SQLException e) {
            Fingerprint.caught("duplicateEmailInLiteralSql", e);
        }
    }
}
