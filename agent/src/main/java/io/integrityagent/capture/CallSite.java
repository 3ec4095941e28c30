package io.integrityagent.capture;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.util.JdkPackages;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The application frame that issued a statement: the first frame on the current stack that belongs neither
 * to the JDK, nor to a JDBC driver, pool or framework's JDBC layer, nor to the agent. Any class implementing a
 * JDBC interface is plumbing (a driver, a pool's proxy, a hand-written wrapper); the agent's own classes are
 * told by the jar they come from, not by package, so an application may share the agent's package prefix.
 */
public final class CallSite {

    /** Besides the JDK's and the drivers' packages (which {@link DatabaseSystem} knows). */
    private static final String[] INFRASTRUCTURE = {
        // pools and JDBC wrappers
        "oracle.ucp.", "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.jdbc.",
        "org.apache.tomcat.dbcp.", "com.mchange.", "org.vibur.", "io.agroal.", "com.alibaba.druid.", "com.p6spy.",
        "net.ttddyy.", "net.sf.log4jdbc.", "io.opentelemetry.",
        // frameworks' JDBC layers
        "org.springframework.jdbc.", "org.springframework.orm.", "org.springframework.dao.",
        "org.springframework.transaction.", "org.springframework.aop.", "org.springframework.cglib.",
        "org.springframework.data.", "org.hibernate.", "org.eclipse.persistence.", "org.jooq.",
        "org.apache.ibatis.", "org.mybatis.", "org.jdbi.", "org.sql2o.", "com.querydsl.", "org.flywaydb.",
        "liquibase.", "io.ebean.", "org.apache.openjpa.", "$Proxy"
    };

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource AGENT = CallSite.class.getProtectionDomain().getCodeSource();

    private CallSite() {
    }

    /**
     * The call site, and what the frames passed over on the way to it tell about the layer that ran the
     * statement; one walk for both.
     */
    public static Located locate() {
        AccessFrames between = new AccessFrames();
        String callSite = WALKER.walk(frames -> {
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                if (isAgent(f.getDeclaringClass()) || isJdbcImplementation(f.getDeclaringClass())
                        || isInfrastructure(f.getClassName())) {
                    between.see(f.getClassName(), f::getMethodName, f.getDeclaringClass());
                } else {
                    return describe(f);
                }
            }
            return null;
        });
        return new Located(callSite, between.path());
    }

    /** The application frame that issued a statement, and the way the statement came from it. */
    public static final class Located {
        private final String callSite;
        private final AccessPath path;

        Located(String callSite, AccessPath path) {
            this.callSite = callSite;
            this.path = path;
        }

        /** {@code com.example.Orders.place(Orders.java:42)}, or null when the whole stack is infrastructure. */
        public String callSite() {
            return callSite;
        }

        public AccessPath path() {
            return path;
        }
    }

    private static boolean isAgent(Class<?> type) {
        return type.getClassLoader() == CallSite.class.getClassLoader()
                && Objects.equals(type.getProtectionDomain().getCodeSource(), AGENT);
    }

    private static boolean isJdbcImplementation(Class<?> type) {
        return Statement.class.isAssignableFrom(type) || Connection.class.isAssignableFrom(type)
                || DataSource.class.isAssignableFrom(type) || ResultSet.class.isAssignableFrom(type);
    }

    static boolean isInfrastructure(String className) {
        if (JdkPackages.contains(className) || DatabaseSystem.ofDriverClass(className) != null) {
            return true;
        }
        for (String prefix : INFRASTRUCTURE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return className.contains("$$") || className.contains("$Proxy");
    }

    private static String describe(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        String location = file == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? file + ":" + frame.getLineNumber() : file;
        return frame.getClassName() + "." + frame.getMethodName() + "(" + location + ")";
    }
}
