package io.integrityagent.dialect;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the SQLCA message tokens of a JCC exception ({@code DB2Diagnosable.getSqlca().getSqlErrmcTokens()})
 * without the driver on the agent's class path. The methods are looked up once per class, through the driver's
 * public types, and kept with that class so that an undeployed driver is not held.
 */
final class Db2Sqlca {

    private static final String DIAGNOSABLE = "com.ibm.db2.jcc.DB2Diagnosable";
    private static final String SQLCA = "com.ibm.db2.jcc.DB2Sqlca";

    private static final ClassValue<Optional<Method>> GET_SQLCA = new ClassValue<Optional<Method>>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return publicMethod(type, DIAGNOSABLE, "getSqlca");
        }
    };
    private static final ClassValue<Optional<Method>> GET_TOKENS = new ClassValue<Optional<Method>>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return publicMethod(type, SQLCA, "getSqlErrmcTokens");
        }
    };

    private Db2Sqlca() {
    }

    /** The tokens, or null when {@code e} is no JCC exception or its SQLCA cannot be read. */
    static String[] errmcTokens(Throwable e) {
        try {
            Optional<Method> getSqlca = GET_SQLCA.get(e.getClass());
            Object sqlca = getSqlca.isPresent() ? getSqlca.get().invoke(e) : null;
            if (sqlca == null) {
                return null;
            }
            Optional<Method> getTokens = GET_TOKENS.get(sqlca.getClass());
            String[] tokens = getTokens.isPresent() ? (String[]) getTokens.get().invoke(sqlca) : null;
            if (tokens == null) {
                return null;
            }
            String[] copy = new String[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                copy[i] = tokens[i] == null ? "" : tokens[i];
            }
            return copy;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            return null;
        }
    }

    /** {@code method} as declared by the public supertype named {@code owner} of {@code type}. */
    private static Optional<Method> publicMethod(Class<?> type, String owner, String method) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> candidate = pending.poll();
            if (!seen.add(candidate)) {
                continue;
            }
            if (candidate.getName().equals(owner)) {
                try {
                    return Optional.of(candidate.getMethod(method));
                } catch (NoSuchMethodException | SecurityException missing) {
                    return Optional.empty();
                }
            }
            if (candidate.getSuperclass() != null) {
                pending.add(candidate.getSuperclass());
            }
            pending.addAll(Arrays.asList(candidate.getInterfaces()));
        }
        return Optional.empty();
    }
}
