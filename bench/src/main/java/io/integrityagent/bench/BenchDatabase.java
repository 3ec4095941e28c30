package io.integrityagent.bench;

import com.p6spy.engine.spy.P6DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One connection to a private H2 in-memory database, obtained the way this JVM's configuration dictates: from
 * H2's DataSource directly (no agent, or an agent that instruments the driver) or through p6spy's or
 * datasource-proxy's wrapper around it. Every benchmark and check goes through here, so all of them see the
 * same driver, the same SQL and the same wrapping.
 */
public final class BenchDatabase implements AutoCloseable {

    public static final String ITEM_TABLE = "CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
            + " quantity INT NOT NULL)";
    public static final String INSERT_ITEM = "INSERT INTO item (id, name, quantity) VALUES (?, ?, ?)";
    public static final String SELECT_ITEM = "SELECT id, name, quantity FROM item WHERE id = ?";
    public static final String MEMBER_TABLE = "CREATE TABLE member (id BIGINT PRIMARY KEY,"
            + " email VARCHAR(100) NOT NULL, tier INT NOT NULL, CONSTRAINT member_email_unique UNIQUE (email))";
    public static final String INSERT_MEMBER = "INSERT INTO member (id, email, tier) VALUES (?, ?, ?)";
    /** The email every violating insert repeats. */
    public static final String TAKEN_EMAIL = "taken@example.com";

    private final Configuration configuration;
    private final Connection connection;

    private BenchDatabase(Configuration configuration, Connection connection) {
        this.configuration = configuration;
        this.connection = connection;
    }

    /** Opens a fresh in-memory database named {@code name}, wrapped as this JVM's configuration says. */
    public static BenchDatabase open(String name) throws SQLException {
        return new BenchDatabase(Configuration.current(), dataSource(name).getConnection());
    }

    /**
     * The DataSource of the in-memory database {@code name}, wrapped as this JVM's configuration says. The
     * database lives as long as one connection to it is open.
     */
    static DataSource dataSource(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name);
        h2.setUser("sa");
        return wrap(Configuration.current(), h2);
    }

    private static DataSource wrap(Configuration configuration, DataSource h2) {
        switch (configuration) {
            case P6SPY:
                return new P6DataSource(h2);
            case DATASOURCE_PROXY:
                return ProxyDataSourceBuilder.create("bench", h2).listener(new DiscardingQueryLogListener()).build();
            default:
                return h2;
        }
    }

    public Configuration configuration() {
        return configuration;
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String... sql) throws SQLException {
        execute(connection, sql);
    }

    static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** Creates the item table with rows 1..{@code rows}, each id's quantity equal to the id. */
    public void createItems(int rows) throws SQLException {
        createItems(connection, rows);
    }

    static void createItems(Connection connection, int rows) throws SQLException {
        execute(connection, ITEM_TABLE);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEM)) {
            for (int id = 1; id <= rows; id++) {
                insert.setLong(1, id);
                insert.setString(2, "item " + id);
                insert.setInt(3, id);
                insert.addBatch();
                if (id % 1000 == 0 || id == rows) {
                    insert.executeBatch();
                }
            }
        }
    }

    /** Creates the member table holding the one row whose email every violating insert repeats. */
    public void createMembers() throws SQLException {
        execute(MEMBER_TABLE, "INSERT INTO member (id, email, tier) VALUES (0, '" + TAKEN_EMAIL + "', 1)");
    }

    /** Binds the three values of {@link #INSERT_ITEM} for a new item. */
    static void bindItem(PreparedStatement insert, long id) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, "item");
        insert.setInt(3, (int) id);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
