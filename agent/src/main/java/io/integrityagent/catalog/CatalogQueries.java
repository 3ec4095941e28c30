package io.integrityagent.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a dialect's catalog query about one constraint or index: a CHECK's condition, a unique constraint's index,
 * an index's constraint.
 */
final class CatalogQueries {

    private CatalogQueries() {
    }

    /** @param query SQL with a parameter per argument, returning the answer in its first column */
    static String firstString(Connection connection, String query, int timeoutSeconds, String... arguments)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < arguments.length; i++) {
                select.setString(i + 1, arguments[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
