package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.DatabaseSystem;
import java.lang.reflect.Method;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CallSiteTest {

    @Test
    void framesOfTheJdkTheDriversThePoolsAndTheFrameworksAreInfrastructure() {
        assertTrue(CallSite.isInfrastructure("java.lang.Thread"));
        assertTrue(CallSite.isInfrastructure("jdk.internal.reflect.DirectMethodHandleAccessor"));
        assertTrue(CallSite.isInfrastructure("com.sun.proxy.$Proxy12"));
        assertTrue(CallSite.isInfrastructure("org.postgresql.jdbc.PgStatement"));
        assertTrue(CallSite.isInfrastructure("oracle.ucp.jdbc.proxy.oracle.StatementProxy"));
        assertTrue(CallSite.isInfrastructure("com.zaxxer.hikari.pool.ProxyStatement"));
        assertTrue(CallSite.isInfrastructure("org.springframework.jdbc.core.JdbcTemplate"));
        assertTrue(CallSite.isInfrastructure("com.example.OrderRepository$$SpringCGLIB$$0"));
    }

    @Test
    void everyDatabasesDriverIsInfrastructure() {
        assertTrue(CallSite.isInfrastructure("org.h2.jdbc.JdbcPreparedStatement"));
        assertTrue(CallSite.isInfrastructure("org.mariadb.jdbc.ClientPreparedStatement"));
        assertTrue(CallSite.isInfrastructure("com.mysql.cj.jdbc.ClientPreparedStatement"));
        assertTrue(CallSite.isInfrastructure("org.sqlite.jdbc4.JDBC4PreparedStatement"));
        assertTrue(CallSite.isInfrastructure("org.hsqldb.jdbc.JDBCPreparedStatement"));
        assertTrue(CallSite.isInfrastructure("org.apache.derby.impl.jdbc.EmbedPreparedStatement"));
        assertTrue(CallSite.isInfrastructure("oracle.jdbc.driver.OraclePreparedStatementWrapper"));
        assertTrue(CallSite.isInfrastructure("com.microsoft.sqlserver.jdbc.SQLServerPreparedStatement"));
        assertTrue(CallSite.isInfrastructure("com.ibm.db2.jcc.am.Statement"));
        for (DatabaseSystem system : DatabaseSystem.values()) {
            assertFalse(CallSite.isInfrastructure("com.example." + system.name()), system.name());
        }
    }

    @Test
    void theApplicationsOwnClassesAreNot() {
        assertFalse(CallSite.isInfrastructure("com.example.OrderRepository"));
        assertFalse(CallSite.isInfrastructure("org.example.javalike.Orders"));
        assertFalse(CallSite.isInfrastructure("io.integrityagent.it.apps.ViolatingApplication"));
    }

    @Test
    void theFirstApplicationFrameIsTheCallSite() {
        String callSite = CallSite.walker().walk(CallSite.search()).callSite();
        assertTrue(callSite.startsWith("io.integrityagent.capture.CallSiteTest.theFirstApplicationFrameIsTheCallSite("),
                callSite);
    }

    @Test
    void aWalkBegunAtTheCallSiteItselfPassesNoDataAccessLayer() {
        // The walk begins in this test, the call site: no frame lies between, so the statement came as plain JDBC.
        assertEquals(AccessPath.Layer.JDBC, CallSite.walker().walk(CallSite.search()).path().layer());
    }

    /** Call sites are remembered by method and bytecode index: overloads at the same index keep their own lines. */
    @Test
    void overloadsCallingFromTheSameBytecodeIndexAreTwoCallSites() {
        String ofNumber = callSiteOf(1);
        String ofText = callSiteOf("1");

        assertNotEquals(ofNumber, ofText);
        assertEquals(ofNumber, callSiteOf(2));
        assertEquals(ofText, callSiteOf("2"));
        assertTrue(ofText.startsWith("io.integrityagent.capture.CallSiteTest.callSiteOf(CallSiteTest.java:"), ofText);
    }

    /**
     * The walk's first batch is sized by the depth of the last call site found: a call site far deeper or far
     * shallower than the last one must be found all the same.
     */
    @Test
    void callSitesAtDepthsFarFromTheLastOneAreFoundAllTheSame() throws Exception {
        String site = "io.integrityagent.capture.CallSiteTest.locatedThroughReflection(CallSiteTest.java:";
        for (int nesting : new int[] {0, 40, 0, 5, 60, 1}) {
            String callSite = locatedThroughReflection(nesting).callSite();
            assertTrue(callSite.startsWith(site), nesting + " nested reflective calls: " + callSite);
        }
    }

    /** The walk begun through Method.invoke nested {@code nesting} times: JDK frames only. */
    private static CallSite.Located locatedThroughReflection(int nesting) throws Exception {
        Method invoke = Method.class.getMethod("invoke", Object.class, Object[].class);
        Method target = StackWalker.class.getMethod("walk", Function.class);
        Object receiver = CallSite.walker();
        Object[] arguments = {CallSite.search()};
        for (int i = 0; i < nesting; i++) {
            arguments = new Object[] {receiver, arguments};
            receiver = target;
            target = invoke;
        }
        return (CallSite.Located) target.invoke(receiver, arguments);
    }

    @Test
    void aMethodCalledThroughReflectionIsTheCallSiteNotTheReflection() throws Exception {
        String callSite = (String) CallSiteTest.class.getDeclaredMethod("callSiteOf", int.class).invoke(null, 1);

        assertTrue(callSite.startsWith("io.integrityagent.capture.CallSiteTest.callSiteOf(CallSiteTest.java:"),
                callSite);
    }

    @SuppressWarnings("unused")
    private static String callSiteOf(int number) {
        return CallSite.walker().walk(CallSite.search()).callSite();
    }

    @SuppressWarnings("unused")
    private static String callSiteOf(String text) {
        return CallSite.walker().walk(CallSite.search()).callSite();
    }
}
