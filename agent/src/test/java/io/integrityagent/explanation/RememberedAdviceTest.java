package io.integrityagent.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Layer;
import io.integrityagent.model.AccessPath.Moment;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Handling;
import io.integrityagent.model.ViolationKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RememberedAdviceTest {

    private static final String CALL_SITE = "com.example.Orders.place(Orders.java:42)";

    private final RememberedAdvice remembered = new RememberedAdvice();

    @Test
    void theSameCaseFromAnotherExceptionIsWordedOnce() {
        Handling first = advise(path(Layer.JDBC), duplicate("23505", 1), true, CALL_SITE);
        Handling second = advise(new AccessPath(Layer.JDBC, Moment.STATEMENT, null, false, null, List.of()),
                duplicate("23505", 1), true, CALL_SITE);

        assertSame(first, second);
    }

    @Test
    void itSaysWhatTheAdviceWorkedOutAnewSays() {
        SQLException thrown = duplicate("23505", 1);
        for (Layer layer : Layer.values()) {
            Handling remembered = advise(path(layer), thrown, false, CALL_SITE);
            Handling anew = HandlingAdvice.advise(path(layer), ViolationKind.UNIQUE, DatabaseSystem.POSTGRESQL,
                    thrown, thrown, false, false, CALL_SITE);

            assertEquals(anew.advice(), remembered.advice(), layer.label());
            assertEquals(anew.catchType(), remembered.catchType(), layer.label());
            assertEquals(anew.test(), remembered.test(), layer.label());
            assertEquals(anew.rollback(), remembered.rollback(), layer.label());
        }
    }

    @Test
    void whatTheAdviceDependsOnMakesAnotherCase() {
        Handling plain = advise(path(Layer.JDBC), duplicate("23505", 1), true, CALL_SITE);

        assertNotEquals(plain.advice(), advise(path(Layer.JDBC), duplicate("23505", 1), true,
                "com.example.Orders.cancel(Orders.java:77)").advice());
        assertNotEquals(plain.advice(), advise(path(Layer.JDBC), duplicate("23503", 1), true, CALL_SITE).advice());
        assertNotEquals(plain.advice(), advise(path(Layer.JDBC), duplicate("23505", 1), null, CALL_SITE).advice());
        assertNotEquals(plain.advice(), advise(path(Layer.SPRING_JDBC), duplicate("23505", 1), true, CALL_SITE)
                .advice());
        assertNotEquals(plain.advice(), advise(path(Layer.JDBC), new BatchUpdateException("batch", "23505", 1,
                new int[0]), true, CALL_SITE).advice());
        assertNotEquals(plain.advice(), advise(path(Layer.JDBC), new SQLException("dup", "23505", 1), true,
                CALL_SITE).advice());
    }

    private Handling advise(AccessPath path, SQLException thrown, Boolean autoCommit, String callSite) {
        return remembered.advise(path, ViolationKind.UNIQUE, DatabaseSystem.POSTGRESQL, thrown, thrown, false,
                autoCommit, callSite);
    }

    private static AccessPath path(Layer layer) {
        return new AccessPath(layer, Moment.STATEMENT, layer == Layer.OTHER ? "MyBatis" : null, false, null,
                List.of());
    }

    private static SQLException duplicate(String sqlState, int vendorCode) {
        return new SQLIntegrityConstraintViolationException("duplicate key", sqlState, vendorCode);
    }
}
