package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.integrityagent.it.apps.StartsAndExits;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hooks that advice calls, which must live in the bootstrap class loader for drivers in any loader. */
class BootstrapHooksIT {

    /**
     * Defined there one by one, not by appending a jar to the bootstrap class path: that fallback makes HotSpot share
     * only the bootstrap loader's classes from then on, and say so where class data sharing is logged.
     */
    @Test
    void theHooksAreDefinedInTheBootstrapLoaderWithoutAppendingToItsClassPath() throws Exception {
        AgentProcess.Result run = AgentProcess.app().jvmOption("-Xlog:class+load=info,cds=warning")
                .run(StartsAndExits.class).assertSucceeded();
        String output = run.stdout + run.stderr;
        List<String> hooksLoaded = output.lines().filter(line -> line.contains(" io.integrityagent.bootstrap."))
                .map(line -> line.substring(line.indexOf(" io.integrityagent.bootstrap.") + 1))
                .collect(Collectors.toList());
        assertEquals(List.of("io.integrityagent.bootstrap.Hooks source: __JVM_DefineClass__",
                "io.integrityagent.bootstrap.JdbcHooks source: __JVM_DefineClass__",
                "io.integrityagent.bootstrap.CaptureHolder source: __JVM_DefineClass__"), hooksLoaded, output);
        assertFalse(output.contains("bootstrap classpath has been appended"), output);
    }
}
