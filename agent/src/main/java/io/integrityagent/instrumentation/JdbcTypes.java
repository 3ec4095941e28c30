package io.integrityagent.instrumentation;

import io.integrityagent.util.JdkPackages;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Recognises the classes implementing a JDBC interface while remembering every supertype it has judged, so
 * each supertype's class file is read at most once and JDK supertypes are never read: resolving the whole
 * hierarchy of every loaded class through the type pool cost seconds of start-up. (A class is transformed
 * before its supertypes are loaded, so they cannot simply be looked up among classes seen earlier.) Classes
 * that were already loaded when the agent arrived are checked with their real {@link Class}.
 */
final class JdbcTypes implements AgentBuilder.RawMatcher {

    /** Beyond this many remembered supertypes the memory is cleared rather than grown. */
    private static final int MAX_REMEMBERED = 20_000;
    private static final int MAX_DEPTH = 32;

    private final Class<?> jdbcInterface;
    private final Map<String, Boolean> judged = new ConcurrentHashMap<>();
    /**
     * Superclasses of recognised classes that do not implement the interface themselves but may hold its
     * methods: xerial's SQLite driver implements every plain-statement method in JDBC3Statement, and only its
     * subclass JDBC4Statement names Statement. They load right after the subclass is transformed.
     */
    private final Set<String> superclassesOfImplementations = ConcurrentHashMap.newKeySet();

    /** @param subInterfaces the JDK's own interfaces extending it, which the agent never sees being loaded */
    JdbcTypes(Class<?> jdbcInterface, Class<?>... subInterfaces) {
        this.jdbcInterface = jdbcInterface;
        judged.put(jdbcInterface.getName(), true);
        for (Class<?> subInterface : subInterfaces) {
            judged.put(subInterface.getName(), true);
        }
    }

    @Override
    public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module,
                           Class<?> classBeingRedefined, ProtectionDomain domain) {
        if (type.isInterface()) {
            return false;
        }
        if (classBeingRedefined != null) {
            return jdbcInterface.isAssignableFrom(classBeingRedefined);
        }
        if (superclassesOfImplementations.contains(type.getName())) {
            return true;
        }
        if (!extendsJdbc(type, 0)) {
            return false;
        }
        rememberSuperclassesOf(type);
        return true;
    }

    private void rememberSuperclassesOf(TypeDescription type) {
        TypeDescription current = type;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            TypeDescription.Generic superClass = current.getSuperClass();
            if (superClass == null) {
                return;
            }
            current = superClass.asErasure();
            String name = current.getName();
            if (JdkPackages.contains(name)) {
                return;
            }
            if (!Boolean.TRUE.equals(judged.get(name))) {
                superclassesOfImplementations.add(name);
            }
        }
    }

    private boolean extendsJdbc(TypeDescription type, int depth) {
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null && isJdbcSupertype(superClass.asErasure(), depth)) {
            return true;
        }
        for (TypeDefinition implemented : type.getInterfaces()) {
            if (isJdbcSupertype(implemented.asErasure(), depth)) {
                return true;
            }
        }
        return false;
    }

    private boolean isJdbcSupertype(TypeDescription supertype, int depth) {
        String name = supertype.getName();
        Boolean known = judged.get(name);
        if (known != null) {
            return known;
        }
        if (JdkPackages.contains(name) || depth >= MAX_DEPTH) {
            return false;
        }
        boolean isJdbc;
        try {
            isJdbc = extendsJdbc(supertype, depth + 1);
        } catch (RuntimeException unresolvable) {
            return false;
        }
        if (judged.size() >= MAX_REMEMBERED) {
            judged.keySet().removeIf(remembered -> !remembered.startsWith("java."));
        }
        judged.put(name, isJdbc);
        return isJdbc;
    }
}
