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

/**
 * {@code java.sql.Statement}'s methods: execution, plain-SQL batches and close. Every advice body is one call into
 * {@link Hooks#jdbc}, and exit advice keeps no backup copies of the arguments: whatever is inlined grows the
 * driver's method, and a hot method grown past the JIT's inlining limit costs far more than the hook.
 */
final class StatementInstrumentation implements TypeInstrumentation {

    private static final AsmVisitorWrapper ADVICE = new AsmVisitorWrapper.ForDeclaredMethods()
            .method(publicConcrete(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
                    .and(takesArguments(0))), Advice.to(Execute.class))
            .method(publicConcrete(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
                    .and(takesArgument(0, String.class))), Advice.to(ExecuteSql.class))
            .method(publicConcrete(namedOneOf("executeBatch", "executeLargeBatch").and(takesArguments(0))),
                    Advice.to(ExecuteBatch.class))
            .method(publicConcrete(named("addBatch").and(takesArguments(String.class))),
                    Advice.to(AddBatchSql.class))
            .method(publicConcrete(named("clearBatch").and(takesArguments(0))), Advice.to(ClearBatch.class))
            .method(publicConcrete(named("close").and(takesArguments(0))), Advice.to(Close.class));

    private final AgentBuilder.RawMatcher statements;

    StatementInstrumentation(AgentBuilder.RawMatcher statements) {
        this.statements = statements;
    }

    @Override
    public AgentBuilder.RawMatcher types() {
        return statements;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(ADVICE);
    }

    /** {@code execute()}, {@code executeQuery()}, {@code executeUpdate()}, {@code executeLargeUpdate()}. */
    static final class Execute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return Hooks.jdbc.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
            Hooks.jdbc.executed(scope, statement, null, thrown, false);
        }
    }

    /** The same methods taking the SQL as their first argument, every overload. */
    static final class ExecuteSql {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return Hooks.jdbc.executing();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql, @Advice.Enter Object scope,
                         @Advice.Thrown Throwable thrown) {
            Hooks.jdbc.executed(scope, statement, sql, thrown, false);
        }
    }

    /** {@code executeBatch()} and {@code executeLargeBatch()}. */
    static final class ExecuteBatch {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object statement) {
            return Hooks.jdbc.executingBatch(statement);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
            Hooks.jdbc.executed(scope, statement, null, thrown, true);
        }
    }

    /** {@code Statement.addBatch(String)}. */
    static final class AddBatchSql {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
            Hooks.jdbc.sqlBatchAdded(statement, sql);
        }
    }

    static final class ClearBatch {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement) {
            Hooks.jdbc.batchCleared(statement);
        }
    }

    static final class Close {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object statement) {
            Hooks.jdbc.closed(statement);
        }
    }
}
