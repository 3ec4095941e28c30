package io.integrityagent.instrumentation;

import static io.integrityagent.instrumentation.TypeInstrumentation.publicConcrete;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.integrityagent.bootstrap.Hooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.DynamicType;

/** {@code java.sql.Connection}'s methods: preparing a statement, and committing. */
final class ConnectionInstrumentation implements TypeInstrumentation {

    private static final AsmVisitorWrapper ADVICE = new AsmVisitorWrapper.ForDeclaredMethods()
            .method(publicConcrete(namedOneOf("prepareStatement", "prepareCall").and(takesArgument(0, String.class))),
                    Advice.to(Prepare.class))
            .method(publicConcrete(named("commit").and(takesArguments(0))
                            .or(named("setAutoCommit").and(takesArguments(boolean.class)))),
                    Advice.to(Commit.class));

    private final AgentBuilder.RawMatcher connections;

    ConnectionInstrumentation(AgentBuilder.RawMatcher connections) {
        this.connections = connections;
    }

    @Override
    public AgentBuilder.RawMatcher types() {
        return connections;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(ADVICE);
    }

    /** {@code prepareStatement(String, …)} and {@code prepareCall(String, …)}: the SQL of the new statement. */
    static final class Prepare {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
            Hooks.jdbc.prepared(statement, sql);
        }
    }

    /**
     * {@code commit()}, and {@code setAutoCommit(boolean)}, which commits an open transaction when switching
     * autocommit on: deferred constraints are checked only then, so a violation can surface there.
     */
    static final class Commit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return Hooks.jdbc.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object connection, @Advice.Enter Object scope,
                         @Advice.Thrown Throwable thrown) {
            Hooks.jdbc.committed(scope, connection, thrown);
        }
    }
}
