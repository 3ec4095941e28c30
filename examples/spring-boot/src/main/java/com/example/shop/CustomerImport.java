package com.example.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Customers taken over from another system, written with plain SQL inside a transaction of their own. */
@Repository
public class CustomerImport {

    private final JdbcTemplate jdbc;

    public CustomerImport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void add(long id, String email) {
        jdbc.update("INSERT INTO customers (id, email) VALUES (?, ?)", id, email);
    }
}
