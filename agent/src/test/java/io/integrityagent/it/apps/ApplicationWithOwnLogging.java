package io.integrityagent.it.apps;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application with its own SLF4J + Logback and its own Micrometer, as a Spring Boot service has: the
 * agent must neither shadow nor silence them, and its explanation must land in the application's log.
 */
public final class ApplicationWithOwnLogging {

    private static final Logger LOG = LoggerFactory.getLogger("app");

    public static void main(String[] args) throws Exception {
        LOG.info("application started");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter signups = Counter.builder("app.signups").register(registry);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:logging;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(100) UNIQUE)");
                s.execute("INSERT INTO accounts VALUES (1, 'ada@example.com')");
            }
            signUp(c, signups);
        }
        LOG.info("application finished; its own counter app.signups = {}", signups.count());
    }

    private static void signUp(Connection c, Counter signups) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, email) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "ada@example.com");
            ps.executeUpdate();
            signups.increment();
        } catch (SQLException e) {
            signups.increment();
            LOG.info("sign-up refused: {}", e.getSQLState());
        }
    }
}
