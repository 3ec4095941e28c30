package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import java.util.EnumMap;
import java.util.Map;

/** The dialect of each database; databases without one of their own get the SQLSTATE-only fallback. */
public final class Dialects {

    private static final Map<DatabaseSystem, Dialect> BY_SYSTEM = bySystem(
            new H2Dialect(), new MySqlDialect(DatabaseSystem.MYSQL), new MySqlDialect(DatabaseSystem.MARIADB),
            new PostgresDialect(), new OracleDialect(), new SqlServerDialect(), new Db2Dialect(), new SqliteDialect(),
            new HsqldbDialect(), new DerbyDialect());

    private Dialects() {
    }

    public static Dialect of(DatabaseSystem system) {
        return BY_SYSTEM.get(system);
    }

    private static Map<DatabaseSystem, Dialect> bySystem(Dialect... dialects) {
        Map<DatabaseSystem, Dialect> bySystem = new EnumMap<>(DatabaseSystem.class);
        for (DatabaseSystem system : DatabaseSystem.values()) {
            bySystem.put(system, new SqlStateDialect(system));
        }
        for (Dialect dialect : dialects) {
            bySystem.put(dialect.system(), dialect);
        }
        return bySystem;
    }
}
