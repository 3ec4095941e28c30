package io.integrityagent.instrumentation;

import java.util.List;

/**
 * The packages of connection pools whose JDBC classes only forward to the driver's connection and statement.
 * The driver's classes are instrumented and see every prepare, bind, batch, execution and commit that passes
 * through, so recording them again on the pool's proxy would only cost a second capture per statement (as the
 * OpenTelemetry Java agent keeps its state on the innermost driver object).
 */
final class PoolProxies {

    static final List<String> PREFIXES = List.of("com.zaxxer.hikari.", "org.apache.commons.dbcp2.",
            "org.apache.tomcat.dbcp.dbcp2.", "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.c3p0.",
            "io.agroal.pool.", "org.vibur.dbcp.");

    private PoolProxies() {
    }

    /** Whether {@code className} (binary name) is one of these pools' classes. */
    static boolean contains(String className) {
        for (String prefix : PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
