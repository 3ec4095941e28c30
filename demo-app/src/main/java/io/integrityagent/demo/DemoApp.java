package io.integrityagent.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Runs into every kind of integrity-constraint violation, the way an ordinary application would:
 * it catches each SQLException and carries on. Attach the Integrity Agent to see what each one means.
 */
public final class DemoApp {

    private static final int EXIT_DATABASE_UNAVAILABLE = 1;
    private static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options == null) {
            System.out.println(Options.USAGE);
            return;
        }
        System.exit(run(options));
    }

    private static int run(Options options) {
        try (Connection connection = connect(options)) {
            describe(connection);
            DemoSchema.create(connection);
            ViolationScenarios scenarios = new ViolationScenarios(connection);
            scenarios.runAll();
            keepRunning(scenarios, options.keepRunningSeconds());
            if (options.signUps()) {
                signUps(scenarios);
            }
        } catch (SQLException e) {
            // Only the connection and the schema can end up here: every scenario catches its own violation.
            System.err.println("The database could not be prepared: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")");
            return EXIT_DATABASE_UNAVAILABLE;
        }
        System.out.println();
        MetricsScrape.print(options.metricsUrl());
        return 0;
    }

    /** Repeats the scenarios quietly once a second, as a service that keeps making the same mistakes would. */
    private static void keepRunning(ViolationScenarios scenarios, int seconds) {
        if (seconds == 0) {
            return;
        }
        System.out.println();
        System.out.println("Repeating the scenarios once a second for " + seconds + " s...");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            scenarios.runAllQuietly();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Signs up each address read from standard input twice, until the input ends. */
    private static void signUps(ViolationScenarios scenarios) {
        System.out.println();
        System.out.println("Reading e-mail addresses from standard input, one a line; each is signed up twice...");
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            int number = 0;
            for (String email = input.readLine(); email != null; email = input.readLine()) {
                scenarios.signUpTwice(number++, email);
            }
        } catch (IOException e) {
            System.err.println("Standard input could not be read: " + e.getMessage());
        }
    }

    private static Connection connect(Options options) throws SQLException {
        Properties credentials = new Properties();
        // An empty user or password is left out, so that the driver falls back on the URL's or its own defaults.
        if (!options.user().isEmpty()) {
            credentials.setProperty("user", options.user());
        }
        if (!options.password().isEmpty()) {
            credentials.setProperty("password", options.password());
        }
        Connection connection = DriverManager.getConnection(options.url(), credentials);
        connection.setAutoCommit(true);
        return connection;
    }

    private static void describe(Connection connection) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        System.out.println("Connected to " + database.getDatabaseProductName() + " "
                + database.getDatabaseProductVersion() + ".");
    }
}
