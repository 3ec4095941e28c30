package io.integrityagent.recognition;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads an exception whose getters may throw. Drivers and frameworks subclass {@code SQLException} freely, and a
 * getter that throws must cost the report only the fact it would have given, not the whole violation: such an
 * exception is replaced, for the agent's eyes only, by a plain copy of what could still be read.
 */
final class ReadableException {

    private ReadableException() {
    }

    /** {@code e} itself when its getters answer, otherwise a copy holding what they did answer. */
    static SQLException of(SQLException e) {
        try {
            e.getMessage();
            e.getSQLState();
            e.getErrorCode();
            if (e instanceof BatchUpdateException) {
                ((BatchUpdateException) e).getLargeUpdateCounts();
            }
            return e;
        } catch (RuntimeException hostile) {
            return copyOf(e);
        }
    }

    static Throwable cause(Throwable t) {
        return read(t::getCause);
    }

    static SQLException next(SQLException e) {
        return read(e::getNextException);
    }

    /**
     * Whether two exceptions say the same: the same SQLSTATE and message. A getter that throws makes them not the
     * same, so that two violations are never merged on what could not be read.
     */
    static boolean sayTheSame(SQLException a, SQLException b) {
        try {
            return Objects.equals(a.getSQLState(), b.getSQLState()) && Objects.equals(a.getMessage(), b.getMessage());
        } catch (RuntimeException hostile) {
            return false;
        }
    }

    private static SQLException copyOf(SQLException e) {
        String message = read(e::getMessage);
        String state = read(e::getSQLState);
        Integer code = read(e::getErrorCode);
        int vendorCode = code == null ? 0 : code;
        if (e instanceof BatchUpdateException) {
            long[] counts = read(((BatchUpdateException) e)::getLargeUpdateCounts);
            return new BatchUpdateException(message, state, vendorCode, counts, null);
        }
        return e instanceof SQLIntegrityConstraintViolationException
                ? new SQLIntegrityConstraintViolationException(message, state, vendorCode)
                : new SQLException(message, state, vendorCode);
    }

    private static <T> T read(Supplier<T> getter) {
        try {
            return getter.get();
        } catch (RuntimeException hostile) {
            return null;
        }
    }
}
