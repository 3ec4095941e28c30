package io.integrityagent.catalog;

import io.integrityagent.util.LruCache;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's indexes, by name, and its foreign keys, as {@link DatabaseMetaData} describes them. Always scoped to the
 * connection's own catalog and schema: unscoped, MariaDB lists same-named tables of every database.
 */
final class TableKeys {

    private final Map<String, List<String>> indexColumns;
    private final String primaryKeyName;
    private final List<ForeignKey> ownKeys;
    private final List<ForeignKey> referencingKeys;

    private TableKeys(Map<String, List<String>> indexColumns, String primaryKeyName, List<ForeignKey> ownKeys,
                      List<ForeignKey> referencingKeys) {
        this.indexColumns = indexColumns;
        this.primaryKeyName = primaryKeyName;
        this.ownKeys = ownKeys;
        this.referencingKeys = referencingKeys;
    }

    /** Reads the keys of {@code table} in the connection's current catalog and schema only. */
    static TableKeys read(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = currentSchema(connection);
        Map<String, List<String>> unique = new LinkedHashMap<>();
        // Every index, not only those the driver calls unique: Derby backs a unique constraint on a nullable
        // column with an index it reports as not unique. A violation names the index, so only its own is used.
        try (ResultSet rows = metaData.getIndexInfo(catalog, schema, table, false, true)) {
            while (rows.next()) {
                String index = rows.getString("INDEX_NAME");
                String column = rows.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    unique.computeIfAbsent(index.toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(column);
                }
            }
        }
        // Some databases (Derby) name a primary key's backing index differently from the constraint.
        Map<String, List<String>> primaryKey = new LinkedHashMap<>();
        String primaryKeyName = null;
        try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, table)) {
            while (rows.next()) {
                String name = rows.getString("PK_NAME");
                primaryKeyName = name;
                String column = rows.getString("COLUMN_NAME");
                if (name != null && column != null) {
                    primaryKey.computeIfAbsent(name.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(column);
                }
            }
        }
        primaryKey.forEach(unique::putIfAbsent);
        List<ForeignKey> own;
        try (ResultSet rows = metaData.getImportedKeys(catalog, schema, table)) {
            own = ForeignKey.readAll(rows);
        }
        List<ForeignKey> referencing;
        try (ResultSet rows = metaData.getExportedKeys(catalog, schema, table)) {
            referencing = ForeignKey.readAll(rows);
        }
        return new TableKeys(unique, primaryKeyName, own, referencing);
    }

    /**
     * The schema the catalog is read in, as a qualified name names it: the current schema, or where drivers have
     * none (MySQL and MariaDB, whose databases are catalogs) the current catalog; null when neither is known.
     */
    static String ownSchema(Connection connection) throws SQLException {
        String schema = currentSchema(connection);
        return schema != null ? schema : connection.getCatalog();
    }

    /** Drivers older than JDBC 4.1 do not know the current schema; then any schema matches. */
    static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException unknown) {
            return null;
        }
    }

    /** A generous estimate of the heap these keys hold, for bounding the cache that keeps them. */
    long estimatedBytes() {
        long bytes = 256;
        for (Map.Entry<String, List<String>> index : indexColumns.entrySet()) {
            bytes += LruCache.bytesOf(index.getKey()) + namesBytes(index.getValue());
        }
        for (List<ForeignKey> keys : Arrays.asList(ownKeys, referencingKeys)) {
            for (ForeignKey key : keys) {
                bytes += key.estimatedBytes();
            }
        }
        return bytes;
    }

    static long namesBytes(List<String> names) {
        long bytes = 40;
        for (String name : names) {
            bytes += 8 + LruCache.bytesOf(name);
        }
        return bytes;
    }

    /** The columns of the unique index or constraint with this name, or none when the catalog has no such. */
    List<String> uniqueKeyColumns(String name) {
        List<String> columns = indexColumns.get(name.toUpperCase(Locale.ROOT));
        return columns == null ? Collections.emptyList() : columns;
    }

    /** The name of the table's primary-key constraint, or null when it has none or the catalog does not say. */
    String primaryKeyName() {
        return primaryKeyName;
    }

    /**
     * The foreign key of this name held by or referring to the table, or null: also when several tables (of other
     * schemas) refer to it through keys of the same name, as which of them failed is not known.
     */
    ForeignKey foreignKeyNamed(String name) {
        ForeignKey found = null;
        for (List<ForeignKey> keys : Arrays.asList(ownKeys, referencingKeys)) {
            for (ForeignKey key : keys) {
                if (key.isNamed(name) && found != null && !key.sameTablesAs(found)) {
                    return null;
                }
                found = key.isNamed(name) && found == null ? key : found;
            }
        }
        return found;
    }

    /** The table's foreign key when it has exactly one; with several, which one failed is not known. */
    ForeignKey onlyOwnKey() {
        return ownKeys.size() == 1 ? ownKeys.get(0) : null;
    }

    /** The table's own foreign keys whose columns include one of {@code assigned}. */
    List<ForeignKey> ownKeysThrough(List<String> assigned) {
        List<ForeignKey> keys = new ArrayList<>();
        ownKeys.stream().filter(key -> key.usesAnyOf(assigned, false)).forEach(keys::add);
        return keys;
    }

    /** The foreign keys referring to this table through one of {@code assigned} columns. */
    List<ForeignKey> referencingKeysThrough(List<String> assigned) {
        List<ForeignKey> keys = new ArrayList<>();
        referencingKeys.stream().filter(key -> key.usesAnyOf(assigned, true)).forEach(keys::add);
        return keys;
    }

    /** The one foreign key that refers to this table, when there is exactly one. */
    ForeignKey onlyReferencingKey() {
        return referencingKeys.size() == 1 ? referencingKeys.get(0) : null;
    }
}
