package com.example.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Orders, written with plain SQL. */
@Repository
public class OrderBook {

    private final JdbcTemplate jdbc;

    public OrderBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void place(long customerId, int quantity) {
        jdbc.update("INSERT INTO orders (customer_id, quantity) VALUES (?, ?)", customerId, quantity);
    }
}
