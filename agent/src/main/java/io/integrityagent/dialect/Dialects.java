package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import java.util.EnumMap;
import java.util.Map;

/** The dialect of each database; databases without one of their own get the SQLSTATE-only fallback. */
public final class Dialects {

    private static final Map<DatabaseSystem, Dialect> BY_SYSTEM = new EnumMap<>(DatabaseSystem.class);

    static {
        for (DatabaseSystem system : DatabaseSystem.values()) {
            BY_SYSTEM.put(system, new SqlStateDialect(system));
        }
        BY_SYSTEM.put(DatabaseSystem.H2, new H2Dialect());
        BY_SYSTEM.put(DatabaseSystem.MYSQL, new MySqlDialect(DatabaseSystem.MYSQL));
        BY_SYSTEM.put(DatabaseSystem.MARIADB, new MySqlDialect(DatabaseSystem.MARIADB));
        BY_SYSTEM.put(DatabaseSystem.POSTGRESQL, new PostgresDialect());
        BY_SYSTEM.put(DatabaseSystem.ORACLE, new OracleDialect());
        BY_SYSTEM.put(DatabaseSystem.SQL_SERVER, new SqlServerDialect());
        BY_SYSTEM.put(DatabaseSystem.DB2, new Db2Dialect());
        BY_SYSTEM.put(DatabaseSystem.SQLITE, new SqliteDialect());
        BY_SYSTEM.put(DatabaseSystem.HSQLDB, new HsqldbDialect());
        BY_SYSTEM.put(DatabaseSystem.DERBY, new DerbyDialect());
    }

    private Dialects() {
    }

    public static Dialect of(DatabaseSystem system) {
        return BY_SYSTEM.get(system);
    }
}
