package io.integrityagent.catalog;

import io.integrityagent.instrumentation.CaptureHooks;
import io.integrityagent.recognition.Dialect;
import io.integrityagent.recognition.ViolationFacts;
import io.integrityagent.recognition.ViolationKind;
import io.integrityagent.report.LruCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Asks the database's catalog for what its message left out: the columns of a unique key or foreign key named
 * only by its name, the foreign key behind SQLite's anonymous message, the condition of an H2 CHECK. Only where that
 * cannot change what the application sees: on a connection in auto-commit mode (so no transaction of the
 * application's is touched — a read could start a snapshot, take a lock, or fail in a transaction the error
 * has aborted), with a network timeout, unobserved by the agent itself, and cached per database and table.
 * When it is not safe, the report says less rather than guess.
 */
public final class CatalogLookup {

    private static final int MAX_CACHED = 256;
    private static final int TIMEOUT_MILLIS = 2000;
    private static final Executor ON_CALLER = Runnable::run;

    private final LruCache<String, TableKeys> cache = new LruCache<>(MAX_CACHED);

    /**
     * Fills gaps in {@code facts} from the catalog, when there are gaps and it is safe.
     *
     * @param statement  the statement that failed, whose connection is asked
     * @param operation  the statement's operation, which tells the side of an anonymous foreign key
     * @param sqlTable   the table the SQL names, in the database's own spelling
     */
    public void complete(ViolationFacts facts, Object statement, String operation, String sqlTable,
                         Dialect dialect) {
        Gap gap = gapIn(facts, operation, dialect);
        if (gap == Gap.NONE || !(statement instanceof Statement)) {
            return;
        }
        try {
            CaptureHooks.unobserved(() -> {
                Connection connection = ((Statement) statement).getConnection();
                if (connection == null || connection.isClosed() || !connection.getAutoCommit()) {
                    return null;
                }
                withNetworkTimeout(connection, () -> fill(gap, facts, connection, operation, sqlTable, dialect));
                return null;
            });
        } catch (Exception unavailable) {
            // The catalog could not tell; the report keeps what the message said.
        }
    }

    private static Gap gapIn(ViolationFacts facts, String operation, Dialect dialect) {
        if (facts.kind() == ViolationKind.UNIQUE && facts.columns().isEmpty() && facts.constraint() != null) {
            return Gap.UNIQUE_KEY_COLUMNS;
        }
        if (facts.kind() == ViolationKind.FOREIGN_KEY && facts.constraint() == null && facts.table() == null
                && ("INSERT".equals(operation) || "DELETE".equals(operation))) {
            return Gap.ANONYMOUS_FOREIGN_KEY;
        }
        if (facts.kind() == ViolationKind.FOREIGN_KEY && facts.constraint() != null && facts.columns().isEmpty()
                && facts.referencedColumns().isEmpty()) {
            return Gap.NAMED_FOREIGN_KEY_COLUMNS;
        }
        if (facts.kind() == ViolationKind.CHECK && facts.checkExpression() == null && facts.constraint() != null
                && dialect.checkConditionQuery() != null) {
            return Gap.CHECK_CONDITION;
        }
        return Gap.NONE;
    }

    private void fill(Gap gap, ViolationFacts facts, Connection connection, String operation, String sqlTable,
                      Dialect dialect) throws SQLException {
        String table = facts.table() != null ? facts.table() : sqlTable;
        switch (gap) {
            case UNIQUE_KEY_COLUMNS:
                if (table != null) {
                    List<String> columns = keysOf(connection, table).uniqueKeyColumns(facts.constraint());
                    if (columns.isEmpty() && dialect.backingIndexQuery() != null) {
                        String index = CatalogQueries.firstString(connection, dialect.backingIndexQuery(),
                                facts.constraint(), TIMEOUT_MILLIS / 1000);
                        columns = index == null ? columns : keysOf(connection, table).uniqueKeyColumns(index);
                    }
                    columns.forEach(facts::column);
                    if (!columns.isEmpty() && facts.table() == null) {
                        facts.table(table);
                    }
                }
                break;
            case ANONYMOUS_FOREIGN_KEY:
                if (table != null) {
                    boolean parentSide = "DELETE".equals(operation);
                    TableKeys keys = keysOf(connection, table);
                    ForeignKey onlyOne = parentSide ? keys.onlyReferencingKey() : keys.onlyOwnKey();
                    if (onlyOne != null) {
                        onlyOne.describeInto(facts, parentSide);
                    }
                }
                break;
            case NAMED_FOREIGN_KEY_COLUMNS:
                for (String candidate : new String[] {facts.table(), sqlTable, facts.referencedTable()}) {
                    ForeignKey named = candidate == null ? null : keysOf(connection, candidate)
                            .foreignKeyNamed(facts.constraint());
                    if (named != null) {
                        named.describeInto(facts, facts.parentSide());
                        break;
                    }
                }
                break;
            case CHECK_CONDITION:
                facts.checkExpression(CatalogQueries.firstString(connection, dialect.checkConditionQuery(),
                        facts.constraint(), TIMEOUT_MILLIS / 1000));
                break;
            default:
                break;
        }
    }

    private TableKeys keysOf(Connection connection, String table) throws SQLException {
        String key = connection.getMetaData().getURL() + "|" + connection.getCatalog() + "|" + table;
        return cache.get(key, k -> TableKeys.read(connection, table));
    }

    /** Bounds a catalog read on a networked driver; embedded drivers do not support (or need) it. */
    private static void withNetworkTimeout(Connection connection, SqlWork work) throws SQLException {
        int previous;
        try {
            previous = connection.getNetworkTimeout();
            connection.setNetworkTimeout(ON_CALLER, TIMEOUT_MILLIS);
        } catch (SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException e) {
            work.run();
            return;
        }
        try {
            work.run();
        } finally {
            connection.setNetworkTimeout(ON_CALLER, previous);
        }
    }

    private enum Gap { NONE, UNIQUE_KEY_COLUMNS, ANONYMOUS_FOREIGN_KEY, NAMED_FOREIGN_KEY_COLUMNS, CHECK_CONDITION }

    private interface SqlWork {
        void run() throws SQLException;
    }
}
