package io.integrityagent.model;

import java.util.List;

/**
 * The databases the agent tells apart, named by their OpenTelemetry {@code db.system.name} values and
 * recognised by the packages of their JDBC driver's classes: the one place that knows those packages, for
 * telling which database failed and for passing over driver frames when looking for the call site. Each
 * database's dialect (how it reports violations) is in {@code io.integrityagent.dialect}.
 */
public enum DatabaseSystem {
    H2("h2database", "H2", "org.h2."),
    POSTGRESQL("postgresql", "PostgreSQL", "org.postgresql."),
    MARIADB("mariadb", "MariaDB", "org.mariadb."),
    MYSQL("mysql", "MySQL", "com.mysql."),
    SQLITE("sqlite", "SQLite", "org.sqlite."),
    HSQLDB("hsqldb", "HSQLDB", "org.hsqldb."),
    DERBY("derby", "Derby", "org.apache.derby."),
    ORACLE("oracle.db", "Oracle", "oracle.jdbc."),
    SQL_SERVER("microsoft.sql_server", "SQL Server", "com.microsoft.sqlserver."),
    DB2("ibm.db2", "Db2", "com.ibm.db2."),
    OTHER("other_sql", "the database");

    /** values() copies its array at each call; this is asked for every frame of the stack at each violation. */
    private static final DatabaseSystem[] ALL = values();

    private final String systemName;
    private final String displayName;
    private final List<String> driverPackages;

    DatabaseSystem(String systemName, String displayName, String... driverPackages) {
        this.systemName = systemName;
        this.displayName = displayName;
        this.driverPackages = List.of(driverPackages);
    }

    /** The OpenTelemetry {@code db.system.name} value. */
    public String systemName() {
        return systemName;
    }

    /** How explanations name the database. */
    public String displayName() {
        return displayName;
    }

    /** The database whose driver defines {@code className}, or null. */
    public static DatabaseSystem ofDriverClass(String className) {
        if (className == null) {
            return null;
        }
        for (DatabaseSystem system : ALL) {
            for (String driverPackage : system.driverPackages) {
                if (className.startsWith(driverPackage)) {
                    return system;
                }
            }
        }
        return null;
    }

    /**
     * Which database reported a failure: judged by the statement's class, then by the classes of the
     * exceptions in the chain and the driver frames that threw them (MySQL and MariaDB throw plain
     * {@code java.sql} exceptions, so only their stack frames tell).
     */
    public static DatabaseSystem detect(String statementClass, Iterable<? extends Throwable> chain) {
        DatabaseSystem byStatement = ofDriverClass(statementClass);
        if (byStatement != null) {
            return byStatement;
        }
        for (Throwable t : chain) {
            DatabaseSystem byException = ofDriverClass(t.getClass().getName());
            if (byException != null) {
                return byException;
            }
        }
        for (Throwable t : chain) {
            StackTraceElement[] frames = stackOf(t);
            for (int i = 0; i < Math.min(frames.length, 16); i++) {
                DatabaseSystem byFrame = ofDriverClass(frames[i].getClassName());
                if (byFrame != null) {
                    return byFrame;
                }
            }
        }
        return OTHER;
    }

    private static StackTraceElement[] stackOf(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? new StackTraceElement[0] : frames;
        } catch (RuntimeException hostile) {
            return new StackTraceElement[0];
        }
    }
}
