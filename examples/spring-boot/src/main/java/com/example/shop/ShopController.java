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
    private final CustomerImport imports;

    public ShopController(CustomerRepository customers, OrderBook orders, CustomerImport imports) {
        this.customers = customers;
        this.orders = orders;
        this.imports = imports;
    }

    /** Saved and flushed at once, unless {@code flush=false}: then Hibernate inserts when the save commits. */
    @PostMapping("/customers")
    public ResponseEntity<String> signUp(@RequestParam long id, @RequestParam String email,
                                         @RequestParam(defaultValue = "true") boolean flush) {
        if (flush) {
            customers.saveAndFlush(new Customer(id, email));
        } else {
            customers.save(new Customer(id, email));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body("customer " + id + " signed up\n");
    }

    @PostMapping("/customers/import")
    public ResponseEntity<String> importCustomer(@RequestParam long id, @RequestParam String email) {
        imports.add(id, email);
        return ResponseEntity.status(HttpStatus.CREATED).body("customer " + id + " imported\n");
    }

    @PostMapping("/orders")
    public ResponseEntity<String> order(@RequestParam long customerId, @RequestParam int quantity) {
        orders.place(customerId, quantity);
        return ResponseEntity.status(HttpStatus.CREATED).body("order placed for customer " + customerId + "\n");
    }

    /**
     * The service's own handling of a refused write: it answers 409 with the class it caught (a
     * DataIntegrityViolationException or a subclass such as DuplicateKeyException) and what the database said.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    public ResponseEntity<String> refused(DataIntegrityViolationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body("refused (" + e.getClass().getName() + "): "
                + e.getMostSpecificCause().getMessage() + "\n");
    }
}
