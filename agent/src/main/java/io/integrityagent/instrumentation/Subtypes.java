package io.integrityagent.instrumentation;

import io.integrityagent.util.JdkPackages;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognises the classes extending or implementing one JDK type while remembering every supertype it has
 * judged, so each supertype's class file header is read at most once and JDK supertypes are never read. (A class
 * is transformed before its supertypes are loaded, so they cannot simply be looked up among classes seen
 * earlier.) Classes that were already loaded when the agent arrived are checked with their real {@link Class}.
 */
final class Subtypes {

    /** Beyond this many remembered supertypes the memory is cleared rather than grown. */
    private static final int MAX_REMEMBERED = 20_000;
    private static final int MAX_DEPTH = 32;

    private final SupertypeHeaders headers;
    private final Class<?> root;
    private final Map<String, Boolean> judged = new ConcurrentHashMap<>();
    /**
     * Superclasses of recognised classes that are not subtypes themselves but may hold the type's methods:
     * xerial's SQLite driver implements every plain-statement method in JDBC3Statement, and only its subclass
     * JDBC4Statement names Statement. They load right after the subclass is transformed.
     */
    private final Set<String> superclassesOfSubtypes = ConcurrentHashMap.newKeySet();

    /** @param jdkSubtypes the JDK's own subtypes of {@code root}, which the agent never reads */
    Subtypes(SupertypeHeaders headers, Class<?> root, Class<?>... jdkSubtypes) {
        this.headers = headers;
        this.root = root;
        judged.put(internalName(root), true);
        for (Class<?> subtype : jdkSubtypes) {
            judged.put(internalName(subtype), true);
        }
    }

    boolean matches(LoadingClass type) {
        if (type.isInterface()) {
            return false;
        }
        if (type.redefined() != null) {
            return root.isAssignableFrom(type.redefined());
        }
        if (superclassesOfSubtypes.contains(type.internalName())) {
            return true;
        }
        if (!extendsRoot(type.header(), type.loader(), 0)) {
            return false;
        }
        rememberSuperclassesOf(type);
        return true;
    }

    private void rememberSuperclassesOf(LoadingClass type) {
        String superName = type.superName();
        for (int depth = 0; depth < MAX_DEPTH && superName != null && !isJdk(superName); depth++) {
            if (!Boolean.TRUE.equals(judged.get(superName))) {
                superclassesOfSubtypes.add(superName);
            }
            ClassHeader superclass = headers.of(superName, type.loader());
            superName = superclass == null ? null : superclass.superName();
        }
    }

    private boolean extendsRoot(ClassHeader type, ClassLoader loader, int depth) {
        String superName = type.superName();
        if (superName != null && isSubtype(superName, loader, depth)) {
            return true;
        }
        for (String implemented : type.interfaces()) {
            if (isSubtype(implemented, loader, depth)) {
                return true;
            }
        }
        return false;
    }

    private boolean isSubtype(String supertype, ClassLoader loader, int depth) {
        Boolean known = judged.get(supertype);
        if (known != null) {
            return known;
        }
        if (isJdk(supertype) || depth >= MAX_DEPTH) {
            return false;
        }
        ClassHeader header = headers.of(supertype, loader);
        if (header == null) {
            return false; // not visible from here: whatever it is, the JVM will not find it either
        }
        boolean subtype = extendsRoot(header, loader, depth + 1);
        if (judged.size() >= MAX_REMEMBERED) {
            judged.keySet().removeIf(remembered -> !remembered.startsWith("java/"));
        }
        judged.put(supertype, subtype);
        return subtype;
    }

    private static boolean isJdk(String internalName) {
        return JdkPackages.contains(internalName.replace('/', '.'));
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
