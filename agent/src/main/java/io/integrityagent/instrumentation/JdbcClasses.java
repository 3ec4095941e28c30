package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.Hooks;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The classes implementing one JDBC interface whose class loader resolves the agent's bootstrap hooks, which
 * the advice inlined into them calls. A JDBC class whose loader does not is left alone, and said: once per
 * class loader, by {@link InstrumentationFailures}.
 */
final class JdbcClasses {

    private final Subtypes types;
    private final HookVisibility visibility;

    JdbcClasses(Subtypes types, HookVisibility visibility) {
        this.types = types;
        this.visibility = visibility;
    }

    boolean matches(LoadingClass type) {
        return types.matches(type) && visibility.resolvesHooks(type.loader(), type.name());
    }

    /** Which class loaders resolve {@link Hooks} to the agent's own, judged once per loader. */
    static final class HookVisibility {
        private final Map<ClassLoader, Boolean> judged = Collections.synchronizedMap(new WeakHashMap<>());
        private final InstrumentationFailures failures;

        HookVisibility(InstrumentationFailures failures) {
            this.failures = failures;
        }

        boolean resolvesHooks(ClassLoader loader, String jdbcClass) {
            if (loader == null) {
                return false;
            }
            Boolean known = judged.get(loader);
            if (known != null) {
                return known;
            }
            // Loaded outside the map's lock: loading may re-enter the transformer for other classes.
            String whyNot = whyHooksUnresolved(loader);
            if (judged.putIfAbsent(loader, whyNot == null) == null && whyNot != null) {
                failures.report(loader, jdbcClass, whyNot);
            }
            return whyNot == null;
        }

        private static String whyHooksUnresolved(ClassLoader loader) {
            try {
                Class<?> resolved = Class.forName(Hooks.class.getName(), false, loader);
                return resolved == Hooks.class ? null : "it resolves " + Hooks.class.getName()
                        + " to another copy of the agent's classes (in " + resolved.getClassLoader() + ")";
            } catch (Throwable notVisible) {
                return "it cannot load the agent's " + Hooks.class.getName() + " (" + notVisible
                        + "): it does not delegate that package to the bootstrap class loader";
            }
        }
    }
}
