package io.integrityagent.it.apps;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An application with Micrometer of its own that it starts using only after its first violation, the way a
 * service's registry comes up after its connection pool: the agent's meters must appear in that registry,
 * with the earlier violation counted too. Prints the function counters its own registry holds as
 * {@code APPMETER} lines; the argument, if any, is how many violations to wait for.
 */
public final class ApplicationWithOwnMicrometer {

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:own-micrometer;DB_CLOSE_DELAY=-1", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(100),"
                    + " CONSTRAINT uk_accounts_email UNIQUE (email))");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, account_id INT,"
                    + " CONSTRAINT fk_orders_account FOREIGN KEY (account_id) REFERENCES accounts (id))");
            s.execute("INSERT INTO accounts VALUES (1, 'ada@example.com')");

            refused(s, "INSERT INTO accounts VALUES (2, 'ada@example.com')");
            OwnRegistry.start();
            refused(s, "INSERT INTO accounts VALUES (3, 'ada@example.com')");
            refused(s, "INSERT INTO orders VALUES (1, 99)");
            OwnRegistry.printWhenCounted(args.length == 0 ? 3 : Integer.parseInt(args[0]));
        }
    }

    private static void refused(Statement s, String sql) {
        try {
            s.execute(sql);
            System.out.println("APP accepted " + sql);
        } catch (SQLException e) {
            System.out.println("APP refused " + e.getSQLState());
        }
    }

    /** Kept apart, so that Micrometer's Metrics class is first loaded only when {@link #start()} runs. */
    private static final class OwnRegistry {

        static void start() {
            Metrics.globalRegistry.add(new SimpleMeterRegistry());
        }

        /**
         * The agent binds from a thread of its own, a moment after Metrics was loaded: waits up to 10 s for that
         * many violations, or, told to expect none, 2 s for anything to show up.
         */
        static void printWhenCounted(int violations) throws InterruptedException {
            if (violations == 0) {
                Thread.sleep(2_000);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (total() < violations && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> lines = new ArrayList<>();
            Metrics.globalRegistry.getMeters().forEach(meter -> {
                if (meter instanceof FunctionCounter) {
                    lines.add("APPMETER " + meter.getId().getName() + " " + meter.getId().getTags() + " = "
                            + ((FunctionCounter) meter).count());
                }
            });
            lines.sort(null);
            lines.forEach(System.out::println);
        }

        private static double total() {
            return Metrics.globalRegistry.find("db.integrity.violations").functionCounters().stream()
                    .mapToDouble(FunctionCounter::count).sum();
        }
    }
}
