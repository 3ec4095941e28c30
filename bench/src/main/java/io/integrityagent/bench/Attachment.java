package io.integrityagent.bench;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbc.JdbcStatement;

/**
 * Proves, inside a benchmark JVM, that it runs the configuration it was launched as: the agent's instrumentation
 * is on the driver's statement class exactly when that agent was asked for, and the wrappers wrap. A benchmark
 * whose JVM is not what its label says fails instead of measuring the wrong thing.
 */
public final class Attachment {

    private static final String INTEGRITY_CAPTURE_HOLDER = "io.integrityagent.bootstrap.CaptureHolder";
    private static final String OTEL_BOOTSTRAP = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";
    private static final String HIKARI_PROXY = "com.zaxxer.hikari.pool.HikariProxy";

    private Attachment() {
    }

    /** Checks the connection and a statement prepared on it against this JVM's configuration. */
    public static void verify(BenchDatabase database, Statement statement) {
        Configuration configuration = database.configuration();
        Connection connection = database.connection();
        verifyAgents(configuration);
        verifyInstrumented(configuration, statement);
        require(configuration, (configuration == Configuration.P6SPY)
                == connection.getClass().getName().startsWith("com.p6spy."), "p6spy connection wrapper");
        require(configuration, (configuration == Configuration.DATASOURCE_PROXY) == isDatasourceProxy(connection),
                "datasource-proxy connection proxy");
    }

    /**
     * Checks a statement prepared on a pooled connection: it is HikariCP's proxy, and under the Integrity Agent
     * H2's statement behind it is instrumented, while the proxy, which only forwards to it, is left alone.
     */
    public static void verifyPooled(BenchPool pool, Statement proxy) throws SQLException {
        Configuration configuration = pool.configuration();
        verifyAgents(configuration);
        require(configuration, proxy.getClass().getName().startsWith(HIKARI_PROXY), "HikariCP's proxy statement");
        require(configuration, !implementsInterface(proxy.getClass(), INTEGRITY_CAPTURE_HOLDER),
                "no Integrity Agent instrumentation on " + proxy.getClass().getName());
        verifyInstrumented(configuration, proxy.unwrap(JdbcStatement.class));
    }

    private static void verifyAgents(Configuration configuration) {
        require(configuration, configuration.usesOpenTelemetryAgent() == openTelemetryAgentLoaded(),
                "OpenTelemetry agent loaded");
        require(configuration, !configuration.usesOpenTelemetryAgent() || Boolean.getBoolean(
                Configuration.OTEL_CAPTURE_PARAMETERS) == (configuration == Configuration.OPENTELEMETRY_PARAMETERS),
                Configuration.OTEL_CAPTURE_PARAMETERS);
        require(configuration, (configuration == Configuration.EMPTY_AGENT)
                == "attached".equals(System.getProperty(EmptyAgent.ATTACHED)), "empty agent's premain ran");
    }

    private static void verifyInstrumented(Configuration configuration, Statement statement) {
        require(configuration, configuration.usesIntegrityAgent() == implementsInterface(statement.getClass(),
                INTEGRITY_CAPTURE_HOLDER), "Integrity Agent instrumentation on " + statement.getClass().getName());
    }

    /** After a run: a wrapper that was in use really formatted what it saw. */
    public static void verifyLogged(Configuration configuration) {
        if (configuration == Configuration.P6SPY) {
            require(configuration, DiscardingP6SpyLogger.lines() > 0, "p6spy formatted lines");
        } else if (configuration == Configuration.DATASOURCE_PROXY) {
            require(configuration, DiscardingQueryLogListener.entries() > 0, "datasource-proxy formatted entries");
        }
    }

    private static boolean implementsInterface(Class<?> type, String interfaceName) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(interfaceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean openTelemetryAgentLoaded() {
        try {
            Class.forName(OTEL_BOOTSTRAP, false, null);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    private static boolean isDatasourceProxy(Connection connection) {
        return Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection).getClass().getName().startsWith("net.ttddyy.dsproxy.");
    }

    private static void require(Configuration configuration, boolean expected, String what) {
        if (!expected) {
            throw new IllegalStateException("this JVM does not run configuration '" + configuration.id()
                    + "' as launched: unexpected state of " + what);
        }
    }
}
