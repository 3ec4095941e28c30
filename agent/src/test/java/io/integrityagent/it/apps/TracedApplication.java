package io.integrityagent.it.apps;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.MDC;

/**
 * A traced service: it handles a request inside a span of its own, with a request id (and a session token) in its
 * SLF4J MDC, and runs into a duplicate key there; then one more outside any span of its own. It prints the trace
 * id of its request span, as {@code REQUEST_TRACE <id>}.
 */
public final class TracedApplication {

    private static final String INSERT = "INSERT INTO accounts (id, email) VALUES (?, ?)";

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:traced;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE accounts (id INT PRIMARY KEY,"
                        + " email VARCHAR(100) CONSTRAINT uq_accounts_email UNIQUE)");
                s.execute("INSERT INTO accounts VALUES (1, 'ada@example.com')");
            }
            Span request = GlobalOpenTelemetry.getTracer("traced-application").spanBuilder("POST /signup")
                    .startSpan();
            try (Scope ignored = request.makeCurrent()) {
                MDC.put("requestId", "req-42");
                MDC.put("sessionToken", "s3cr3t-session");
                signUpInsideRequest(c);
                System.out.println("REQUEST_TRACE " + request.getSpanContext().getTraceId());
            } finally {
                MDC.clear();
                request.end();
            }
            signUpOutsideRequest(c);
        }
    }

    static void signUpInsideRequest(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setInt(1, 2);
            ps.setString(2, "ada@example.com");
            ps.executeUpdate();
        } catch (SQLException e) {
            System.out.println("caught " + e.getSQLState());
        }
    }

    static void signUpOutsideRequest(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setInt(1, 3);
            ps.setString(2, "ada@example.com");
            ps.executeUpdate();
        } catch (SQLException e) {
            System.out.println("caught " + e.getSQLState());
        }
    }
}
