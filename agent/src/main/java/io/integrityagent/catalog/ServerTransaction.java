package io.integrityagent.catalog;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.Optional;

/**
 * Whether the server holds a transaction open on a connection whose driver reports auto-commit: the application
 * sent BEGIN itself. pgjdbc tells its transaction state without a query. Once a statement in such a transaction
 * has failed, PostgreSQL refuses every further one until it ends; and a catalog query in it would run in the
 * application's transaction.
 */
final class ServerTransaction {

    private static final ClassValue<Optional<Method>> TRANSACTION_STATE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.getName().startsWith("org.postgresql.")) {
                return Optional.empty();
            }
            try {
                return Optional.of(type.getMethod("getTransactionState"));
            } catch (NoSuchMethodException | SecurityException e) {
                return Optional.empty();
            }
        }
    };

    private ServerTransaction() {
    }

    /** True also when the driver's state cannot be read: then the catalog is not asked. */
    static boolean isOpen(Connection connection) {
        Optional<Method> state = TRANSACTION_STATE.get(connection.getClass());
        if (state.isEmpty()) {
            return false;
        }
        try {
            return !"IDLE".equals(String.valueOf(state.get().invoke(connection)));
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return true;
        }
    }
}
