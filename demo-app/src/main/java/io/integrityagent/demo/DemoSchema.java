package io.integrityagent.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Three small tables with one constraint of each kind, in SQL that H2, PostgreSQL and MariaDB all accept. */
final class DemoSchema {

    private static final List<String> STATEMENTS = List.of(
            // Dropped first, children before parents, so that the demo re-runs on a server.
            "DROP TABLE IF EXISTS orders",
            "DROP TABLE IF EXISTS users",
            "DROP TABLE IF EXISTS customers",
            "CREATE TABLE customers ("
                    + " id INT PRIMARY KEY,"
                    + " name VARCHAR(100) NOT NULL)",
            "CREATE TABLE orders ("
                    + " id INT PRIMARY KEY,"
                    + " customer_id INT NOT NULL,"
                    + " amount DECIMAL(10,2),"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers(id))",
            "CREATE TABLE users ("
                    + " id INT PRIMARY KEY,"
                    + " name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200) NOT NULL,"
                    + " age INT,"
                    + " password VARCHAR(100),"
                    + " CONSTRAINT uq_users_email UNIQUE (email),"
                    + " CONSTRAINT ck_users_age CHECK (age >= 18))",
            "INSERT INTO customers (id, name) VALUES (1, 'Ada Lovelace')",
            "INSERT INTO orders (id, customer_id, amount) VALUES (100, 1, 25.00)",
            "INSERT INTO users (id, name, email, age, password) VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')",
            // Grace is seeded rather than imported in scenario 6, so that scenario 7 finds her on every database.
            "INSERT INTO users (id, name, email, age, password) VALUES (3, 'Grace', 'grace@example.com', 45, 's3cret-grace')");

    private DemoSchema() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
        }
        System.out.println("Created the tables customers, orders and users, with Ada as a customer and Ada and Grace as users.");
    }
}
