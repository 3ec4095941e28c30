package io.integrityagent.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the condition of a CHECK constraint with the dialect's catalog query. */
final class CheckConditions {

    private CheckConditions() {
    }

    /** @param query SQL with one parameter, the constraint name, returning the condition in its first column */
    static String of(Connection connection, String query, String constraint, int timeoutSeconds)
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
