package io.integrityagent.catalog;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.Optional;

/**
 * Whether the server holds a transaction open on a connection whose driver reports auto-commit: the application
 * sent BEGIN or START TRANSACTION itself. pgjdbc and MySQL Connector/J keep the server's transaction state and
 * tell it without a query; MariaDB Connector/J's status still says "in a transaction" after any failed statement in
 * auto-commit mode, so it cannot tell. Inside such a transaction a catalog query would run in the
 * application's transaction, on PostgreSQL in one the violation has just aborted, and the statement was not its own
 * transaction.
 */
final class ServerTransaction {

    private static final ClassValue<Optional<Method>> TRANSACTION_STATE = method("getTransactionState");
    private static final ClassValue<Optional<Method>> SESSION = method("getSession");
    private static final ClassValue<Optional<Method>> SERVER_SESSION = method("getServerSession");
    private static final ClassValue<Optional<Method>> IN_TRANSACTION_ON_SERVER = method("inTransactionOnServer");

    private ServerTransaction() {
    }

    /** True also when the driver's state cannot be read: then nothing is taken for granted. */
    static boolean isOpen(Connection connection) {
        String driver = connection.getClass().getName();
        try {
            if (driver.startsWith("org.postgresql.")) {
                return !"IDLE".equals(String.valueOf(call(TRANSACTION_STATE, connection)));
            }
            if (driver.startsWith("com.mysql.cj.")) {
                Object open = call(IN_TRANSACTION_ON_SERVER, call(SERVER_SESSION, call(SESSION, connection)));
                return !Boolean.FALSE.equals(open);
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return true;
        }
    }

    private static Object call(ClassValue<Optional<Method>> method, Object target)
            throws ReflectiveOperationException {
        if (target == null) {
            throw new NoSuchMethodException("no object to ask");
        }
        Optional<Method> found = method.get(target.getClass());
        if (found.isEmpty()) {
            throw new NoSuchMethodException(target.getClass().getName());
        }
        return found.get().invoke(target);
    }

    private static ClassValue<Optional<Method>> method(String name) {
        return new ClassValue<>() {
            @Override
            protected Optional<Method> computeValue(Class<?> type) {
                try {
                    return Optional.of(type.getMethod(name));
                } catch (NoSuchMethodException | SecurityException e) {
                    return Optional.empty();
                }
            }
        };
    }
}
