package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.explanation.HandlingAdvice;
import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Layer;
import io.integrityagent.model.AccessPath.Moment;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Handling;
import io.integrityagent.model.ViolationKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The stacks of real runs (in {@code stacks/}, one per way an application reaches the driver, on H2 and on
 * PostgreSQL), read as the call-site walk reads them: the layer and moment they tell, and the advice naming the
 * very class the application's catch block received in that run.
 */
class RealStacksTest {

    static Stream<Arguments> captured() {
        return Stream.of(
                path("jdbc-plain", Layer.JDBC, Moment.STATEMENT, false),
                path("jdbc-template", Layer.SPRING_JDBC, Moment.STATEMENT, false),
                path("named-parameter-jdbc-template", Layer.SPRING_JDBC, Moment.STATEMENT, false),
                path("jdbc-client", Layer.SPRING_JDBC, Moment.STATEMENT, false),
                path("jdbc-template-in-transaction", Layer.SPRING_JDBC, Moment.STATEMENT, false),
                path("spring-data-jdbc-save", Layer.SPRING_DATA_JDBC, Moment.STATEMENT, true),
                path("spring-data-jpa-save-and-flush", Layer.SPRING_DATA_JPA, Moment.FLUSH, true),
                path("spring-data-jpa-save-commit", Layer.SPRING_DATA_JPA, Moment.COMMIT, true),
                path("spring-data-jpa-identity-save", Layer.SPRING_DATA_JPA, Moment.STATEMENT, true),
                path("spring-transactional-service-commit", Layer.SPRING_ORM, Moment.COMMIT, true),
                path("spring-entity-manager-flush", Layer.HIBERNATE, Moment.FLUSH, false),
                path("jpa-flush", Layer.HIBERNATE, Moment.FLUSH, false),
                path("jpa-commit", Layer.HIBERNATE, Moment.COMMIT, false),
                path("jpa-auto-flush", Layer.HIBERNATE, Moment.AUTO_FLUSH, false),
                path("jpa-identity-persist", Layer.HIBERNATE, Moment.STATEMENT, false),
                path("jooq", Layer.JOOQ, Moment.STATEMENT, false),
                path("jooq-fk", Layer.JOOQ, Moment.STATEMENT, false),
                path("jooq-spring-boot", Layer.JOOQ, Moment.STATEMENT, false))
                .flatMap(args -> Stream.of("h2", "postgresql").map(db -> Arguments.of(db + "-" + args.get()[0],
                        args.get()[1], args.get()[2], args.get()[3])));
    }

    private static Arguments path(String scenario, Layer layer, Moment moment, boolean boundary) {
        return Arguments.of(scenario, layer, moment, boundary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void theFramesBetweenTheDriverAndTheCallSiteTellTheLayerAndTheMoment(String run, Layer layer, Moment moment,
                                                                        boolean boundary) throws IOException {
        AccessPath path = Captured.read(run).path();

        assertEquals(layer, path.layer(), path.toString());
        assertEquals(moment, path.moment(), path.toString());
        assertEquals(boundary, path.springTransactionBoundary(), path.toString());
        assertTrue(path.conflicting().isEmpty(), path.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void theAdviceNamesWhatTheApplicationCaught(String run) throws IOException {
        Captured captured = Captured.read(run);
        SQLException driver = captured.driverException();

        Handling handling = HandlingAdvice.advise(captured.path(), kindOf(driver.getSQLState()),
                run.startsWith("h2") ? DatabaseSystem.H2 : DatabaseSystem.POSTGRESQL, driver, driver, false, null,
                "stacks.App.run(App.java:1)");

        assertNotNull(handling.advice());
        if (run.endsWith("jooq-spring-boot")) {
            // Spring Boot's jOOQ starter translates in an ExecuteListener, after the stack at hand: the advice can
            // only say what it becomes there, beside what jOOQ alone throws.
            assertEquals("org.jooq.exception.IntegrityConstraintViolationException", handling.thrown());
            assertTrue(handling.advice().contains("Spring Boot's jOOQ starter, Spring translates it into "
                    + captured.caught + " instead"), handling.advice());
        } else {
            assertEquals(captured.caught, handling.thrown(), handling.advice());
            assertTrue(handling.advice().contains(captured.caught), handling.advice());
        }
    }

    private static ViolationKind kindOf(String sqlState) {
        switch (sqlState) {
            case "23505": return ViolationKind.UNIQUE;
            case "23503": case "23506": return ViolationKind.FOREIGN_KEY;
            default: return ViolationKind.CHECK;
        }
    }

    /** One stored run: the class the application caught, the driver's exception, the frames. */
    private static final class Captured {
        String caught;
        String driverClass;
        String sqlState;
        int vendorCode;
        final List<String[]> frames = new ArrayList<>();

        static Captured read(String run) throws IOException {
            Captured captured = new Captured();
            try (InputStream in = RealStacksTest.class.getResourceAsStream("stacks/" + run + ".txt")) {
                assertNotNull(in, run);
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("# caught: ")) {
                        captured.caught = line.substring("# caught: ".length());
                    } else if (line.startsWith("# driver: ")) {
                        String[] driver = line.substring("# driver: ".length()).split(" ");
                        captured.driverClass = driver[0];
                        captured.sqlState = driver[1];
                        captured.vendorCode = Integer.parseInt(driver[2]);
                    } else if (!line.startsWith("#") && !line.isBlank()) {
                        captured.frames.add(line.split(" "));
                    }
                }
            }
            return captured;
        }

        /** As {@link CallSite#search()} reads a live stack: every frame before the first application frame. */
        AccessPath path() {
            AccessFrames between = new AccessFrames();
            for (String[] frame : frames) {
                if (!CallSite.isInfrastructure(frame[0])) {
                    return between.path();
                }
                between.see(frame[0], () -> frame[1], null);
            }
            throw new AssertionError("no application frame");
        }

        /** The driver's exception as its own classes make it. */
        SQLException driverException() {
            if (driverClass.equals(PSQLException.class.getName())) {
                return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0Mviolation\0"));
            }
            if (driverClass.equals(JdbcSQLIntegrityConstraintViolationException.class.getName())) {
                return new JdbcSQLIntegrityConstraintViolationException("violation", "INSERT", sqlState, vendorCode,
                        null, null);
            }
            return new SQLIntegrityConstraintViolationException("violation", sqlState, vendorCode);
        }
    }
}
