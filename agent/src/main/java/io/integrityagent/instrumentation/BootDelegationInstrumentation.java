package io.integrityagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Class loaders that do not ask the bootstrap class loader first — OSGi bundles' (Felix, Equinox), JBoss
 * Modules' — would not find the agent's bootstrap package, and advice in their drivers could not run. Their
 * {@code loadClass} answers that one package from the bootstrap class path, as an OSGi framework configured with
 * {@code org.osgi.framework.bootdelegation=io.integrityagent.bootstrap.*} would (OpenTelemetry's Java agent
 * does the same). Every other name goes the loader's own way; the advice references {@code java.base} only.
 */
final class BootDelegationInstrumentation implements TypeInstrumentation {

    /** Also in {@link JdbcClassFilter}: only a class file naming it can override {@code loadClass}. */
    static final String LOAD_CLASS_DESCRIPTOR = "(Ljava/lang/String;Z)Ljava/lang/Class;";

    private static final ElementMatcher.Junction<MethodDescription> LOAD_CLASS = named("loadClass")
            .and(takesArguments(String.class).or(takesArguments(String.class, boolean.class))).and(not(isStatic()));

    private static final ElementMatcher.Junction<TypeDescription> CLASS_LOADERS = not(isInterface())
            .and(declaresMethod(LOAD_CLASS)).and(hasSuperClass(named("java.lang.ClassLoader")));

    @Override
    public AgentBuilder.RawMatcher types() {
        return (type, loader, module, classBeingRedefined, domain) -> CLASS_LOADERS.matches(type);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(LoadClass.class).on(LOAD_CLASS));
    }

    static final class LoadClass {
        static final String BOOTSTRAP_PACKAGE = "io.integrityagent.bootstrap.";

        /** A class of the bootstrap package, which then skips the loader's own search; otherwise null. */
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Class<?> enter(@Advice.Argument(0) String name) {
            if (name != null && name.startsWith(BOOTSTRAP_PACKAGE)) {
                try {
                    return Class.forName(name, false, null);
                } catch (ClassNotFoundException notThere) {
                    return null;
                }
            }
            return null;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter Class<?> fromBootstrap,
                         @Advice.Return(readOnly = false) Class<?> loaded) {
            if (fromBootstrap != null) {
                loaded = fromBootstrap;
            }
        }
    }
}
