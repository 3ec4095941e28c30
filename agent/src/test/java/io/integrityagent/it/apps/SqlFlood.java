package io.integrityagent.it.apps;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application that sends a flood of large, distinct, violating plain-SQL texts (issue 7, item 5), then prints
 * the heap still in use after garbage collection: {@code RETAINED <bytes>}. What the agent keeps of the texts
 * shows as the difference between runs with and without it.
 *
 * <p>Arguments: how many texts, and the characters of each.
 */
public final class SqlFlood {

    public static void main(String[] args) throws Exception {
        int texts = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        String filler = "x".repeat(length);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:flood", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(1000000), age INT,"
                        + " CONSTRAINT ck_notes_age CHECK (age >= 18))");
            }
            int refused = 0;
            for (int i = 0; i < texts; i++) {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO notes (id, body, age) VALUES (" + i + ", '" + i + filler + "', 10)");
                } catch (SQLException tooYoung) {
                    refused++;
                }
            }
            System.out.println("REFUSED " + refused);
            System.out.println("RETAINED " + retainedHeap());
        }
    }

    /** Heap in use once collections no longer free anything. */
    private static long retainedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return used;
    }
}
