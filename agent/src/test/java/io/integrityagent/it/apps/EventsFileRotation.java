package io.integrityagent.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application that violates a unique constraint in two phases, so that its test can rotate the events file
 * in between: after the first phase it creates the file {@code phase1-done} in the marker folder and waits for
 * the test to create {@code rotated}; then it waits a little more than the agent's check interval (1 s) and runs
 * the second phase. Prints {@code CAUGHT <n>}, the violations it caught.
 *
 * <p>Arguments: marker folder, violations in the first phase, violations in the second phase. With the marker
 * folder {@code -}, it runs both phases without waiting.
 */
public final class EventsFileRotation {

    public static void main(String[] args) throws Exception {
        int caught = 0;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:rotation")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) CONSTRAINT uq_email UNIQUE)");
                s.execute("INSERT INTO users VALUES (1, 'taken@example.com')");
            }
            caught += violate(c, Integer.parseInt(args[1]));
            if (!args[0].equals("-")) {
                Path markers = Path.of(args[0]);
                Files.createFile(markers.resolve("phase1-done"));
                long giveUp = System.nanoTime() + 60_000_000_000L;
                while (!Files.exists(markers.resolve("rotated")) && System.nanoTime() < giveUp) {
                    Thread.sleep(20);
                }
                Thread.sleep(1_200);
            }
            caught += violate(c, Integer.parseInt(args[2]));
        }
        System.out.println("CAUGHT " + caught);
        MetricsScrape.saveIfAsked();
    }

    private static int violate(Connection c, int times) throws SQLException {
        int caught = 0;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
            for (int i = 0; i < times; i++) {
                p.setInt(1, 100 + i);
                p.setString(2, "taken@example.com");
                try {
                    p.executeUpdate();
                } catch (SQLException expected) {
                    caught++;
                }
            }
        }
        return caught;
    }
}
