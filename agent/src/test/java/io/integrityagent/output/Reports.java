package io.integrityagent.output;

import io.integrityagent.model.Handling;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import java.time.Instant;
import java.util.List;

/** Reports the output tests share. */
final class Reports {

    private Reports() {
    }

    static ViolationReport uniqueViolation() {
        return ViolationReport.builder()
                .timestamp(Instant.parse("2025-03-04T05:06:07.123Z"))
                .kind(ViolationKind.UNIQUE)
                .db("h2database")
                .sqlState("23505")
                .vendorCode(23505)
                .constraint("uk_users_email")
                .table("users")
                .columns(List.of("email"))
                .value("email", "'ann@example.com'")
                .sql("INSERT INTO users (id, email) VALUES (?, ?)")
                .parameters(List.of("7", "'ann@example.com'"))
                .batchIndex(3)
                .operation("INSERT")
                .exception("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException")
                .message("Unique index or primary key violation")
                .callSite("com.example.UserRepository.save(UserRepository.java:42)")
                .explanation("email 'ann@example.com' is already taken in users")
                .lookup("SELECT * FROM users WHERE email = 'ann@example.com'")
                .remedy("Check for an existing user before inserting")
                .handling(new Handling("spring-jdbc", "org.springframework.dao.DuplicateKeyException",
                        "org.springframework.dao.DuplicateKeyException", null, null, "statement", Handling.Rollback.NONE,
                        "Catch DuplicateKeyException."))
                .build();
    }
}
