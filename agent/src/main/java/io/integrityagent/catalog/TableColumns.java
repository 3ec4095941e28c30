package io.integrityagent.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The columns of one table in their defined order: what an INSERT without column list assigns, value by value. */
final class TableColumns {

    private TableColumns() {
    }

    /**
     * The columns of {@code table} in the connection's own catalog and schema, or null when the catalog does not
     * name exactly one such table (the name is a pattern to {@code getColumns}, so rows are matched exactly).
     */
    static List<String> read(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        Map<Integer, String> byPosition = new TreeMap<>();
        String schemaSeen = null;
        try (ResultSet rows = metaData.getColumns(connection.getCatalog(), TableKeys.currentSchema(connection),
                table, "%")) {
            while (rows.next()) {
                if (!table.equals(rows.getString("TABLE_NAME"))) {
                    continue;
                }
                String schema = rows.getString("TABLE_CAT") + "." + rows.getString("TABLE_SCHEM");
                if (schemaSeen != null && !schemaSeen.equals(schema)) {
                    return null; // same-named tables in several schemas: which one the INSERT meant is not known
                }
                schemaSeen = schema;
                byPosition.put(rows.getInt("ORDINAL_POSITION"), rows.getString("COLUMN_NAME"));
            }
        }
        return byPosition.isEmpty() ? null : new ArrayList<>(byPosition.values());
    }
}
