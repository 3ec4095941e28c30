package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.bootstrap.Hooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A class loader that cannot resolve the hooks is told once, naming the loader, the class and why, and counted. */
class HookVisibilityTest {

    private final AtomicInteger counted = new AtomicInteger();
    private final JdbcClasses.HookVisibility visibility =
            new JdbcClasses.HookVisibility(new InstrumentationFailures(counted::incrementAndGet));

    @Test
    void aLoaderThatSeesTheHooksIsInstrumentedSilently() {
        String said = stderrOf(() -> assertTrue(visibility.resolvesHooks(getClass().getClassLoader(), "a.Statement")));
        assertEquals("", said);
        assertEquals(0, counted.get());
    }

    @Test
    void aLoaderThatCannotSeeTheHooksIsSaidOnceAndCountedOnce() {
        ClassLoader blind = new RefusingLoader();
        String said = stderrOf(() -> {
            assertFalse(visibility.resolvesHooks(blind, "org.example.jdbc.ExampleStatement"));
            assertFalse(visibility.resolvesHooks(blind, "org.example.jdbc.ExampleConnection"));
        });
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.contains("cannot instrument org.example.jdbc.ExampleStatement in class loader "
                + RefusingLoader.class.getName()), said);
        assertTrue(said.contains("does not delegate that package to the bootstrap class loader"), said);
        assertEquals(1, counted.get());
    }

    @Test
    void theBootDelegationAdviceAnswersTheBootstrapPackage() {
        assertEquals(Hooks.class.getPackageName() + ".", BootDelegationInstrumentation.BOOTSTRAP_PACKAGE);
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Like a module system's loader that answers only its own packages. */
    private static final class RefusingLoader extends ClassLoader {
        RefusingLoader() {
            super(null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.integrityagent.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public String toString() {
            return getClass().getName();
        }
    }
}
