package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.CaptureHolder;
import java.util.Arrays;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.modifier.FieldPersistence;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.utility.JavaModule;

/**
 * Gives statement classes a field for their capture, when loaded for the first time, or when retransformed
 * after they got one (a retransformation must reproduce the same shape). Classes that were already loaded
 * cannot change shape, so their captures live in a weak table; classes in named modules never get one, as
 * they could not implement {@link CaptureHolder} without reading the bootstrap class path's unnamed module.
 */
final class CaptureFieldInstrumentation implements TypeInstrumentation {

    private final AgentBuilder.RawMatcher statements;

    CaptureFieldInstrumentation(AgentBuilder.RawMatcher statements) {
        this.statements = statements;
    }

    @Override
    public AgentBuilder.RawMatcher types() {
        return (type, loader, module, classBeingRedefined, domain) -> canGetField(module, classBeingRedefined)
                && statements.matches(type, loader, module, classBeingRedefined, domain);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .defineField(CaptureHolder.FIELD_NAME, Object.class, Visibility.PRIVATE, FieldPersistence.TRANSIENT,
                        SyntheticState.SYNTHETIC)
                .implement(CaptureHolder.class)
                .intercept(FieldAccessor.ofField(CaptureHolder.FIELD_NAME));
    }

    private static boolean canGetField(JavaModule module, Class<?> classBeingRedefined) {
        return (module == null || !module.isNamed())
                && (classBeingRedefined == null || gotCaptureField(classBeingRedefined));
    }

    /** The field and the interface are added together, so the class's own interfaces tell. */
    private static boolean gotCaptureField(Class<?> type) {
        return Arrays.asList(type.getInterfaces()).contains(CaptureHolder.class);
    }
}
