package io.integrityagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One kind of class the agent instruments: which classes, and what it does to them, with each hooked method's
 * matcher beside its advice (the layout of the OpenTelemetry Java agent's {@code TypeInstrumentation}s).
 */
interface TypeInstrumentation {

    AgentBuilder.RawMatcher types();

    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder);

    /** The methods a class implements itself and an application can call. */
    static ElementMatcher.Junction<MethodDescription> publicConcrete(
            ElementMatcher<? super MethodDescription> method) {
        return isPublic().and(not(isAbstract())).and(method);
    }
}
