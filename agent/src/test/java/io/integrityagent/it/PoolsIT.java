package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.PooledViolations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged agent behind the pools services use, each with its statement cache on (DBCP2's statement pooling,
 * c3p0's statement cache, Tomcat JDBC's StatementCache interceptor; Agroal has none): a violation through the
 * cached statement and one through a plain statement are each reported exactly once, with the SQL, parameters
 * and the application's frame, while the application's output is the same as without the agent.
 */
class PoolsIT {

    private static final Map<String, List<String>> LIBRARIES = Map.of(
            "dbcp2", List.of("commons-dbcp2", "commons-pool2", "commons-logging"),
            "c3p0", List.of("c3p0", "mchange-commons-java"),
            "tomcat-jdbc", List.of("tomcat-jdbc", "tomcat-juli"),
            "agroal", List.of("agroal-pool", "agroal-api"));

    /**
     * The pools whose cache hands the first request's driver statement to the second here. Tomcat JDBC's
     * StatementCache interceptor wraps every statement but did not hand back the cached one in this set-up.
     */
    private static final List<String> CACHE_REUSES = List.of("dbcp2", "c3p0");

    @ParameterizedTest
    @ValueSource(strings = {"dbcp2", "c3p0", "tomcat-jdbc", "agroal"})
    void eachViolationThroughThePoolIsReportedOnceAndTheApplicationSeesNoDifference(String pool) throws Exception {
        Path eventsFile = Files.createTempDirectory("pools-it").resolve("events.jsonl");
        String[] libraries = libraries(pool);
        AgentProcess.Result withAgent = AgentProcess.app().libraries(libraries)
                .agentArguments("events.file=" + eventsFile)
                .run(PooledViolations.class, pool).assertSucceeded();
        AgentProcess.Result withoutAgent = AgentProcess.app().libraries(libraries).withoutAgent()
                .run(PooledViolations.class, pool).assertSucceeded();
        assertEquals(withoutProxyNumbers(withoutAgent.stdout), withoutProxyNumbers(withAgent.stdout));
        assertTrue(withAgent.stdout.contains("RESULT driverStatementReused " + CACHE_REUSES.contains(pool)),
                "whether the violating statement is the pool's cached one: " + withAgent.stdout);
        assertFalse(withAgent.stderr.contains("cannot instrument"), withAgent.stderr);

        Events events = Events.read(eventsFile);
        JsonNode cached = events.single("duplicateEmailFromCachedStatement");
        assertEquals("INSERT INTO users (id, name, email) VALUES (?, ?, ?)", cached.get("sql").asText());
        assertEquals("[\"3\",\"'Ada Again'\",\"'ada@example.com'\"]", cached.get("parameters").toString());
        assertEquals("UQ_USERS_EMAIL", cached.get("constraint").asText());
        assertCallSite(cached, "duplicateEmailFromCachedStatement");
        JsonNode literal = events.single("duplicateEmailInLiteralSql");
        assertEquals("INSERT INTO users (id, name, email) VALUES (4, 'Grace', 'ada@example.com')",
                literal.get("sql").asText());
        assertEquals("[]", literal.get("parameters").toString());
        assertCallSite(literal, "duplicateEmailInLiteralSql");
        assertEquals(2, events.all().size(), "one event per violation, nothing else: " + events.all());
    }

    /**
     * Tomcat JDBC's statements are JDK proxies, whose generated names ({@code jdk.proxy1.$Proxy2}) count the
     * proxy classes the JVM made before; the agent's reading of its advice annotations makes some too.
     */
    private static String withoutProxyNumbers(String output) {
        return output.replaceAll("jdk\\.proxy\\d+", "jdk.proxyN").replaceAll("\\$Proxy\\d+", "\\$ProxyN");
    }

    private static void assertCallSite(JsonNode event, String scenario) {
        assertTrue(event.get("callSite").asText().startsWith(PooledViolations.class.getName() + "." + scenario
                + "(PooledViolations.java:"), event.toString());
    }

    private static String[] libraries(String pool) {
        List<String> libraries = new java.util.ArrayList<>(LIBRARIES.get(pool));
        libraries.add("h2");
        return libraries.toArray(new String[0]);
    }
}
