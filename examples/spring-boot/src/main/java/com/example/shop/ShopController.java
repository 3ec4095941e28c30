package com.example.shop;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShopController {

    private final CustomerRepository customers;
    private final OrderBook orders;

    public ShopController(CustomerRepository customers, OrderBook orders) {
        this.customers = customers;
        this.orders = orders;
    }

    @PostMapping("/customers")
    public ResponseEntity<String> signUp(@RequestParam long id, @RequestParam String email) {
        customers.saveAndFlush(new Customer(id, email));
        return ResponseEntity.status(HttpStatus.CREATED).body("customer " + id + " signed up\n");
    }

    @PostMapping("/orders")
    public ResponseEntity<String> order(@RequestParam long customerId, @RequestParam int quantity) {
        orders.place(customerId, quantity);
        return ResponseEntity.status(HttpStatus.CREATED).body("order placed for customer " + customerId + "\n");
    }

    /** The service's own handling of a refused write: it answers 409 with what the database said. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    public ResponseEntity<String> refused(DataIntegrityViolationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body("refused: " + e.getMostSpecificCause().getMessage()
                + "\n");
    }
}
