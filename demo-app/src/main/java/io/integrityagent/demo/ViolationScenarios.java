package io.integrityagent.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/** Seven everyday mistakes, one per kind of integrity constraint, each caught the way applications usually do. */
final class ViolationScenarios {

    private static final String INSERT_USER =
            "INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_ORDER =
            "INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)";
    private static final String DELETE_CUSTOMER =
            "DELETE FROM customers WHERE id = ?";

    @FunctionalInterface
    private interface DatabaseWork {
        void run() throws SQLException;
    }

    private final Connection connection;

    ViolationScenarios(Connection connection) {
        this.connection = connection;
    }

    /** One mistake: what the application is about to do, and doing it. */
    private record Scenario(String announcement, DatabaseWork work) {
    }

    private List<Scenario> scenarios() {
        return List.of(
                new Scenario("1. Registering a second account with the e-mail ada@example.com, which Ada already uses...",
                        this::registerDuplicateEmail),
                new Scenario("2. Placing order 101 for customer 42, who does not exist...",
                        this::placeOrderForMissingCustomer),
                new Scenario("3. Deleting customer 1, Ada Lovelace, who still has order 100...",
                        this::deleteCustomerWithOrders),
                new Scenario("4. Registering a user without a name...",
                        this::registerUserWithoutName),
                new Scenario("5. Registering a user who is 12 years old, below the minimum age of 18...",
                        this::registerUnderageUser),
                new Scenario("6. Importing three users in one batch, the second of whom reuses ada@example.com...",
                        this::importUsersInBatch),
                new Scenario("7. Changing Grace's e-mail to ada@example.com with a hand-written SQL statement...",
                        this::changeEmailWithLiteralSql));
    }

    void runAll() {
        scenarios().forEach(scenario -> attempt(scenario.announcement(), scenario.work()));
    }

    /** Runs every scenario again without printing, for {@code --keep-running}. */
    void runAllQuietly() {
        for (Scenario scenario : scenarios()) {
            try {
                scenario.work().run();
            } catch (SQLException expected) {
                // the agent has seen it; that is all this run is for
            }
        }
    }

    private void registerDuplicateEmail() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
            bindUser(insert, 2, "Ada Twin", "ada@example.com", 30, "hunter2");
            insert.executeUpdate();
        }
    }

    private void placeOrderForMissingCustomer() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
            insert.setInt(1, 101);
            insert.setInt(2, 42);
            insert.setBigDecimal(3, new BigDecimal("9.99"));
            insert.executeUpdate();
        }
    }

    private void deleteCustomerWithOrders() throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_CUSTOMER)) {
            delete.setInt(1, 1);
            delete.executeUpdate();
        }
    }

    private void registerUserWithoutName() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
            insert.setInt(1, 7);
            insert.setNull(2, Types.VARCHAR);
            insert.setString(3, "nameless@example.com");
            insert.setInt(4, 25);
            insert.setString(5, "no-name-pw");
            insert.executeUpdate();
        }
    }

    private void registerUnderageUser() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
            bindUser(insert, 8, "Tim", "tim@example.com", 12, "tims-pw");
            insert.executeUpdate();
        }
    }

    private void importUsersInBatch() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
            bindUser(insert, 4, "Linus", "linus@example.com", 29, "linus-pw");
            insert.addBatch();
            bindUser(insert, 5, "Ada Again", "ada@example.com", 36, "ada-again-pw");
            insert.addBatch();
            bindUser(insert, 6, "Barbara", "barbara@example.com", 41, "barbara-pw");
            insert.addBatch();
            insert.executeBatch();
        }
    }

    private void changeEmailWithLiteralSql() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UPDATE users SET email = 'ada@example.com' WHERE id = 3");
        }
    }

    /**
     * A sign-up form sent twice: the first insert succeeds, the second finds the address taken. The
     * {@code number}th sign-up takes user ids of its own.
     */
    void signUpTwice(int number, String email) {
        int id = 100 + 2 * number;
        attempt("Signing up " + email + " twice, as a double-clicked sign-up form would...", () -> {
            signUp(id, email);
            signUp(id + 1, email);
        });
    }

    private void signUp(int id, String email) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
            bindUser(insert, id, "New User", email, 30, "new-user-pw");
            insert.executeUpdate();
        }
    }

    private static void bindUser(PreparedStatement insert, int id, String name, String email, int age,
                                 String password) throws SQLException {
        insert.setInt(1, id);
        insert.setString(2, name);
        insert.setString(3, email);
        insert.setInt(4, age);
        insert.setString(5, password);
    }

    /** Announces a scenario, runs it, and reports only what an application would see of the failure. */
    private static void attempt(String announcement, DatabaseWork work) {
        System.out.println();
        System.out.println(announcement);
        try {
            work.run();
            System.out.println("   unexpectedly, the database accepted it");
        } catch (SQLException e) {
            System.out.println("   the application caught: " + e.getClass().getName()
                    + " (SQLSTATE " + e.getSQLState() + ")");
        }
    }
}
