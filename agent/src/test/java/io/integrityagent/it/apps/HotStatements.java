package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Prepares, binds and closes H2 statements often enough for the JIT to compile the driver's binds,
 * {@code prepareStatement} and {@code close}, with whatever the agent added to them.
 */
public final class HotStatements {

    private static final int ROUNDS = 20_000;

    private HotStatements() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:hot", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE members (id BIGINT PRIMARY KEY, age INT, email VARCHAR(100))");
            for (int i = 0; i < ROUNDS; i++) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO members (id, age, email) VALUES (?, ?, ?)")) {
                    insert.setLong(1, i);
                    insert.setInt(2, i % 100);
                    insert.setString(3, "member" + i + "@example.com");
                }
            }
        }
        System.out.println("bound " + ROUNDS);
    }
}
