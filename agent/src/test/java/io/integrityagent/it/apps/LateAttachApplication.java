package io.integrityagent.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A service that is already running when the agent is attached: it prepares a statement, says it is ready,
 * and waits for the test's go-ahead (a file) before it runs into violations.
 */
public final class LateAttachApplication {

    public static void main(String[] args) throws Exception {
        Path goAhead = Path.of(args[0]);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:late;DB_CLOSE_DELAY=-1", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE members (id INT PRIMARY KEY, email VARCHAR(100) UNIQUE)");
            s.execute("INSERT INTO members VALUES (1, 'ada@example.com')");
            try (PreparedStatement preparedBeforeAttach = c.prepareStatement(
                    "INSERT INTO members (id, email) VALUES (?, ?)")) {
                System.out.println("ready " + ProcessHandle.current().pid());
                while (!Files.exists(goAhead)) {
                    Thread.sleep(20);
                }
                preparedBeforeAttach.setInt(1, 2);
                preparedBeforeAttach.setString(2, "ada@example.com");
                try {
                    preparedBeforeAttach.executeUpdate();
                } catch (SQLException expected) {
                    System.out.println("caught " + expected.getSQLState());
                }
            }
            try (PreparedStatement preparedAfterAttach = c.prepareStatement(
                    "INSERT INTO members (id, email) VALUES (?, ?)")) {
                preparedAfterAttach.setInt(1, 1);
                preparedAfterAttach.setString(2, "grace@example.com");
                preparedAfterAttach.executeUpdate();
            } catch (SQLException expected) {
                System.out.println("caught " + expected.getSQLState());
            }
        }
    }
}
