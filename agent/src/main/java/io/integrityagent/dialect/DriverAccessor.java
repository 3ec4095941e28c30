package io.integrityagent.dialect;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A no-argument method that some driver's exceptions have, called reflectively so that the agent never needs
 * the driver at compile time. The method is looked up once per exception class.
 */
final class DriverAccessor {

    private final String methodName;
    private final ClassValue<Optional<Method>> methods = new ClassValue<Optional<Method>>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                return Optional.of(type.getMethod(methodName));
            } catch (NoSuchMethodException | SecurityException e) {
                return Optional.empty();
            }
        }
    };

    DriverAccessor(String methodName) {
        this.methodName = methodName;
    }

    /** What the method returns for {@code target}, or null when its class has no such method or it fails. */
    Object read(Object target) {
        if (target == null) {
            return null;
        }
        Optional<Method> method = methods.get(target.getClass());
        if (!method.isPresent()) {
            return null;
        }
        try {
            return method.get().invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
