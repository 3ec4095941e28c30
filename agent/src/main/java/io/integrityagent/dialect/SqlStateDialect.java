package io.integrityagent.dialect;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;

/**
 * The standard every database starts from: SQLSTATE class 23 is an integrity violation, and its subclass
 * tells the kind. Also the fallback for databases without a dialect of their own: it reports kind, SQLSTATE,
 * vendor code, SQL and parameters, and leaves the rest to the SQL.
 */
public class SqlStateDialect implements Dialect {

    private final DatabaseSystem system;

    public SqlStateDialect(DatabaseSystem system) {
        this.system = system;
    }

    @Override
    public DatabaseSystem system() {
        return system;
    }

    @Override
    public ViolationKind classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) {
            return kindOfState(state);
        }
        return e instanceof SQLIntegrityConstraintViolationException ? ViolationKind.OTHER : null;
    }

    @Override
    public void describe(SQLException e, ViolationFacts facts) {
        // The standard says nothing about message formats; the SQL fills in what it can.
    }

    @Override
    public String upsertAdvice(String table, List<String> keyColumns) {
        return "use this database's insert-or-update statement (MERGE, where it has one)";
    }

    /** The kind a class-23 SQLSTATE stands for, across the databases that use the subclasses. */
    static ViolationKind kindOfState(String state) {
        switch (state) {
            case "23505":
                return ViolationKind.UNIQUE;
            case "23503": // the standard, and H2 for a parent row still referenced
            case "23504": // HSQLDB and Db2: parent row still referenced
            case "23506": // H2: parent row missing
            case "23001": // PostgreSQL 18: RESTRICT
                return ViolationKind.FOREIGN_KEY;
            case "23502":
                return ViolationKind.NOT_NULL;
            case "23511": // Db2: SET NULL blocked by a check
            case "23513":
            case "23514":
                return ViolationKind.CHECK;
            case "23P01":
                return ViolationKind.EXCLUSION;
            default:
                return ViolationKind.OTHER;
        }
    }
}
