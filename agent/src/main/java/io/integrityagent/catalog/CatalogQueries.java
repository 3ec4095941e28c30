package io.integrityagent.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs a dialect's catalog query about one constraint: a CHECK's condition, a unique constraint's index. */
final class CatalogQueries {

    private CatalogQueries() {
    }

    /** @param query SQL with one parameter, the constraint name, returning the answer in its first column */
    static String firstString(Connection connection, String query, String constraint, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setQueryTimeout(timeoutSeconds);
            select.setString(1, constraint);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
