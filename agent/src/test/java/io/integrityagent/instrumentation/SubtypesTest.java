package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SubtypesTest {

    private final Subtypes statements = new Subtypes(new SupertypeHeaders(), Statement.class, PreparedStatement.class,
            CallableStatement.class);

    abstract static class DriverStatement implements Statement {
    }

    /** Implements it only through a superclass of the driver's own. */
    abstract static class DriverSubStatement extends DriverStatement {
    }

    abstract static class DriverPreparedStatement implements PreparedStatement {
    }

    /** Like xerial's JDBC3Statement: holds the methods, but only its subclass names the interface. */
    abstract static class MethodsHolder {
    }

    abstract static class NamingSubclass extends MethodsHolder implements Statement {
    }

    abstract static class DriverConnection implements Connection {
    }

    static class Unrelated {
    }

    interface DriverStatementInterface extends Statement {
    }

    @Test
    void aClassImplementingTheInterfaceDirectlyOrThroughItsSuperclassMatches() {
        assertTrue(matches(DriverStatement.class));
        assertTrue(matches(DriverSubStatement.class));
    }

    @Test
    void aClassImplementingAJdkSubInterfaceMatches() {
        assertTrue(matches(DriverPreparedStatement.class));
    }

    @Test
    void interfacesAndClassesOfOtherJdbcTypesDoNotMatch() {
        assertFalse(matches(DriverStatementInterface.class));
        assertFalse(matches(DriverConnection.class));
        assertFalse(matches(Unrelated.class));
    }

    @Test
    void theSuperclassOfAnImplementationMatchesOnceTheImplementationWasSeen() {
        assertFalse(matches(MethodsHolder.class), "on its own it implements nothing");

        assertTrue(matches(NamingSubclass.class));
        assertTrue(matches(MethodsHolder.class), "it holds the methods its subclass implements");
    }

    @Test
    void anAlreadyLoadedClassIsJudgedByItsRealClass() {
        assertTrue(statements.matches(loading(DriverSubStatement.class, DriverSubStatement.class)));
        assertFalse(statements.matches(loading(Unrelated.class, Unrelated.class)));
    }

    private boolean matches(Class<?> type) {
        return statements.matches(loading(type, null));
    }

    static LoadingClass loading(Class<?> type, Class<?> redefined) {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return new LoadingClass(in.readAllBytes(), type.getClassLoader(), null, redefined);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
