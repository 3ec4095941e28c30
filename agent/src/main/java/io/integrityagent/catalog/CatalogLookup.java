package io.integrityagent.catalog;

import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.SqlOperation;
import io.integrityagent.util.LruCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Asks the database's catalog for what its message left out: the columns of a unique key or foreign key named
 * only by its name, the foreign key behind SQLite's anonymous message, the condition of an H2 CHECK, the
 * constraint behind a unique index or primary key that H2 before 2.5 does not name. Only where that
 * cannot change what the application sees: on a connection in auto-commit mode (so no transaction of the
 * application's is touched — a read could start a snapshot, take a lock, or fail in a transaction the error
 * has aborted), with a network timeout, unobserved by the agent itself, and cached per database and table.
 * When it is not safe, the report says less rather than guess.
 */
public final class CatalogLookup {

    private static final int MAX_CACHED = 256;
    private static final long MAX_CACHED_BYTES = 2L << 20;
    private static final int TIMEOUT_MILLIS = 2000;
    private static final Executor ON_CALLER = Runnable::run;

    private final LruCache<String, TableKeys> cache = new LruCache<>(MAX_CACHED, MAX_CACHED_BYTES,
            (key, keys) -> LruCache.bytesOf(key) + keys.estimatedBytes());
    /** A table without columns (null: the catalog did not know it) is remembered as an empty list. */
    private final LruCache<String, List<String>> columnLists = new LruCache<>(MAX_CACHED, MAX_CACHED_BYTES,
            (key, columns) -> LruCache.bytesOf(key) + TableKeys.namesBytes(columns));
    /** A dialect query's answer by database, query and arguments; empty when the catalog had none. */
    private final LruCache<AnswerKey, Optional<String>> answers = new LruCache<>(MAX_CACHED, MAX_CACHED_BYTES,
            (key, answer) -> key.estimatedBytes() + LruCache.bytesOf(answer.orElse(null)));
    private final Unobserved unobserved;

    /** @param unobserved how the agent's own queries are kept from being reported */
    public CatalogLookup(Unobserved unobserved) {
        this.unobserved = unobserved;
    }

    /**
     * Fills gaps in {@code facts} from the catalog, when there are gaps and it is safe.
     *
     * @param statement  the statement that failed, whose connection is asked
     * @param operation  the statement's operation, which tells the side of an anonymous foreign key
     * @param sqlSchema  the schema (MySQL: database) the SQL qualifies its table with, in the database's own
     *                   spelling; null when it does not qualify it
     * @param sqlTable   the table the SQL names, in the database's own spelling
     * @param assigned   the columns an UPDATE assigns, which tell which foreign key it can have broken
     */
    public void complete(ViolationFacts facts, Object statement, SqlOperation operation, String sqlSchema,
                         String sqlTable, List<String> assigned, Dialect dialect) {
        Gap gap = gapIn(facts, operation, dialect);
        if (gap == Gap.NONE) {
            return;
        }
        askSafely(statement, sqlSchema, (connection, ownSchema) -> {
            fill(gap, facts, connection, ownSchema, operation, sqlTable, assigned, dialect);
            return null;
        });
    }

    /**
     * The columns of {@code table} in their defined order, for pairing the values of an INSERT without column
     * list; null when the catalog cannot be asked safely or does not know the table.
     *
     * @param schema the schema the SQL qualifies the table with, as for {@link #complete}; null when it does not
     * @param table  the table in the database's own spelling
     */
    public List<String> columnsOf(Object statement, String schema, String table) {
        if (table == null) {
            return null;
        }
        List<String> columns = askSafely(statement, schema, (connection, ownSchema) -> columnLists.get(
                cacheKey(connection, ownSchema, table), k -> {
                    List<String> read = TableColumns.read(connection, table);
                    return read == null ? Collections.emptyList() : read;
                }));
        return columns == null || columns.isEmpty() ? null : columns;
    }

    /**
     * Whether the connection that failed was in auto-commit mode, as its driver keeps it (drivers answer without
     * a query), and not inside a transaction the application began with its own SQL; unobserved; null when it
     * cannot be read.
     *
     * @param statementOrConnection the failed statement, or the connection whose commit failed
     */
    public Boolean autoCommit(Object statementOrConnection) {
        try {
            return unobserved.run(() -> {
                Connection connection = statementOrConnection instanceof Connection
                        ? (Connection) statementOrConnection
                        : statementOrConnection instanceof Statement
                        ? ((Statement) statementOrConnection).getConnection() : null;
                return connection == null ? null
                        : connection.getAutoCommit() && !ServerTransaction.isOpen(connection);
            });
        } catch (Exception unreadable) {
            return null; // a closed connection, or a driver that will not say: the advice leaves it out
        }
    }

    /**
     * Runs {@code work} on the statement's connection when that cannot change what the application sees;
     * null when it is not safe or the catalog could not tell. The catalog is read in the connection's own schema
     * only, so a statement on a table of another schema gets nothing: the same-named table here could pair its
     * values with the wrong columns, a secret with a column that is not sensitive.
     */
    private <T> T askSafely(Object statement, String sqlSchema, CatalogWork<T> work) {
        if (!(statement instanceof Statement)) {
            return null;
        }
        try {
            return unobserved.run(() -> {
                Connection connection = ((Statement) statement).getConnection();
                if (connection == null || connection.isClosed() || !connection.getAutoCommit()
                        || ServerTransaction.isOpen(connection)) {
                    return null;
                }
                // What the catalog said of a table holds for that schema only: the same name elsewhere (after
                // setSchema, or for another user) may have other columns and keys.
                String ownSchema = TableKeys.ownSchema(connection);
                if (sqlSchema != null && !sqlSchema.equals(ownSchema)) {
                    return null;
                }
                return withNetworkTimeout(connection, () -> work.run(connection, ownSchema));
            });
        } catch (Exception unavailable) {
            return null; // the catalog could not tell; the report keeps what the message said
        }
    }

    /** Which gap, of those the catalog can fill, the facts have first; {@link Gap#NONE} when none. */
    static Gap gapIn(ViolationFacts facts, SqlOperation operation, Dialect dialect) {
        if (facts.kind() == ViolationKind.UNIQUE && facts.constraint() == null && facts.index() != null
                && dialect.indexConstraintQuery() != null) {
            return Gap.CONSTRAINT_OF_INDEX;
        }
        if (facts.kind() == ViolationKind.UNIQUE && facts.constraint() == null && facts.primaryKey()) {
            return Gap.PRIMARY_KEY_NAME;
        }
        if (facts.kind() == ViolationKind.UNIQUE && facts.columns().isEmpty() && facts.constraint() != null) {
            return Gap.UNIQUE_KEY_COLUMNS;
        }
        if (facts.kind() == ViolationKind.FOREIGN_KEY && facts.constraint() == null && facts.table() == null
                && (operation == SqlOperation.INSERT || operation == SqlOperation.DELETE
                    || operation == SqlOperation.UPDATE)) {
            return Gap.ANONYMOUS_FOREIGN_KEY;
        }
        if (facts.kind() == ViolationKind.FOREIGN_KEY && facts.constraint() != null
                && (facts.columns().isEmpty() || facts.referencedColumns().isEmpty())) {
            return Gap.NAMED_FOREIGN_KEY_COLUMNS;
        }
        if (facts.kind() == ViolationKind.CHECK && facts.checkExpression() == null && facts.constraint() != null
                && dialect.checkConditionQuery() != null) {
            return Gap.CHECK_CONDITION;
        }
        return Gap.NONE;
    }

    private void fill(Gap gap, ViolationFacts facts, Connection connection, String ownSchema, SqlOperation operation,
                      String sqlTable, List<String> assigned, Dialect dialect) throws SQLException {
        String table = facts.table() != null ? facts.table() : sqlTable;
        switch (gap) {
            case CONSTRAINT_OF_INDEX:
                // A unique index that no constraint owns (CREATE UNIQUE INDEX) stays named as an index.
                facts.constraint(answer(connection, ownSchema, dialect.indexConstraintQuery(), facts.schema(),
                        facts.index()));
                break;
            case PRIMARY_KEY_NAME:
                if (table != null) {
                    facts.constraint(keysOf(connection, ownSchema, table).primaryKeyName());
                }
                break;
            case UNIQUE_KEY_COLUMNS:
                if (table != null) {
                    TableKeys keys = keysOf(connection, ownSchema, table);
                    List<String> columns = keys.uniqueKeyColumns(facts.constraint());
                    if (columns.isEmpty() && dialect.backingIndexQuery() != null) {
                        String index = answer(connection, ownSchema, dialect.backingIndexQuery(), facts.constraint());
                        columns = index == null ? columns : keys.uniqueKeyColumns(index);
                    }
                    columns.forEach(facts::column);
                    if (!columns.isEmpty() && facts.table() == null) {
                        facts.table(table);
                    }
                }
                break;
            case ANONYMOUS_FOREIGN_KEY:
                if (table != null && operation == SqlOperation.UPDATE) {
                    describeOnlyKeyThrough(assigned, keysOf(connection, ownSchema, table), facts);
                } else if (table != null) {
                    boolean parentSide = operation == SqlOperation.DELETE;
                    TableKeys keys = keysOf(connection, ownSchema, table);
                    ForeignKey onlyOne = parentSide ? keys.onlyReferencingKey() : keys.onlyOwnKey();
                    if (onlyOne != null) {
                        onlyOne.describeInto(facts, parentSide);
                    }
                }
                break;
            case NAMED_FOREIGN_KEY_COLUMNS:
                // Derby names neither table of an UPDATE, nor says which side it refused: its columns tell.
                boolean sideUntold = operation == SqlOperation.UPDATE && facts.table() == null
                        && facts.referencedTable() == null;
                for (String candidate : new String[] {facts.table(), sqlTable, facts.referencedTable()}) {
                    ForeignKey named = candidate == null ? null : keysOf(connection, ownSchema, candidate)
                            .foreignKeyNamed(facts.constraint());
                    Boolean updatedParent = named == null || !sideUntold ? null
                            : named.updatedOnParentSide(sqlTable, assigned);
                    if (updatedParent != null) {
                        facts.parentSide(updatedParent);
                    }
                    if (named != null && facts.columns().isEmpty() && facts.referencedColumns().isEmpty()) {
                        named.describeInto(facts, facts.parentSide());
                        break;
                    }
                    if (named != null) {
                        named.completeInto(facts);
                        break;
                    }
                }
                break;
            case CHECK_CONDITION:
                // Asked once per constraint, not at every violation: a storm of one failed CHECK queried the
                // catalog each time.
                facts.checkExpression(answer(connection, ownSchema, dialect.checkConditionQuery(),
                        facts.constraint()));
                break;
            default:
                break;
        }
    }

    /**
     * An UPDATE breaks a foreign key through the columns it assigns: as the child when they are the key's
     * columns, as the parent when they are the referenced ones. Only when exactly one key fits is it the one.
     */
    private static void describeOnlyKeyThrough(List<String> assigned, TableKeys keys, ViolationFacts facts) {
        List<ForeignKey> own = keys.ownKeysThrough(assigned);
        List<ForeignKey> referencing = keys.referencingKeysThrough(assigned);
        if (own.size() + referencing.size() == 1) {
            boolean parentSide = own.isEmpty();
            (parentSide ? referencing : own).get(0).describeInto(facts, parentSide);
        }
    }

    private String answer(Connection connection, String ownSchema, String query, String... arguments)
            throws SQLException {
        AnswerKey key = new AnswerKey(connection.getMetaData().getURL(), connection.getCatalog(), ownSchema, query,
                arguments);
        return answers.get(key, k -> Optional.ofNullable(
                CatalogQueries.firstString(connection, query, TIMEOUT_MILLIS / 1000, arguments))).orElse(null);
    }

    private TableKeys keysOf(Connection connection, String ownSchema, String table) throws SQLException {
        return cache.get(cacheKey(connection, ownSchema, table), k -> TableKeys.read(connection, table));
    }

    private static String cacheKey(Connection connection, String ownSchema, String table) throws SQLException {
        return connection.getMetaData().getURL() + "|" + connection.getCatalog() + "|" + ownSchema + "|" + table;
    }

    /** Bounds a catalog read on a networked driver; embedded drivers do not support (or need) it. */
    private static <T> T withNetworkTimeout(Connection connection, SqlWork<T> work) throws SQLException {
        int previous;
        try {
            previous = connection.getNetworkTimeout();
            connection.setNetworkTimeout(ON_CALLER, TIMEOUT_MILLIS);
        } catch (SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException e) {
            return work.run();
        }
        try {
            return work.run();
        } finally {
            connection.setNetworkTimeout(ON_CALLER, previous);
        }
    }

    /**
     * What a dialect query's answer depends on: the database and schema, the query and its arguments. Compared
     * part by part, not joined into one text: a storm of one CHECK asks it at every violation.
     */
    private static final class AnswerKey {
        private final String url;
        private final String catalog;
        private final String schema;
        private final String query;
        private final String[] arguments;

        AnswerKey(String url, String catalog, String schema, String query, String[] arguments) {
            this.url = url;
            this.catalog = catalog;
            this.schema = schema;
            this.query = query;
            this.arguments = arguments;
        }

        long estimatedBytes() {
            long bytes = 40 + LruCache.bytesOf(url) + LruCache.bytesOf(catalog) + LruCache.bytesOf(schema)
                    + LruCache.bytesOf(query);
            for (String argument : arguments) {
                bytes += 8 + LruCache.bytesOf(argument);
            }
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof AnswerKey)) {
                return false;
            }
            AnswerKey that = (AnswerKey) other;
            return Objects.equals(url, that.url) && Objects.equals(catalog, that.catalog)
                    && Objects.equals(schema, that.schema) && query.equals(that.query)
                    && Arrays.equals(arguments, that.arguments);
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(url);
            hash = 31 * hash + Objects.hashCode(catalog);
            hash = 31 * hash + Objects.hashCode(schema);
            hash = 31 * hash + query.hashCode();
            return 31 * hash + Arrays.hashCode(arguments);
        }
    }

    enum Gap {
        NONE, CONSTRAINT_OF_INDEX, PRIMARY_KEY_NAME, UNIQUE_KEY_COLUMNS, ANONYMOUS_FOREIGN_KEY,
        NAMED_FOREIGN_KEY_COLUMNS, CHECK_CONDITION
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private interface CatalogWork<T> {
        T run(Connection connection, String ownSchema) throws SQLException;
    }
}
