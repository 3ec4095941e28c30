package io.integrityagent.it;

import io.integrityagent.it.isolated.PlatformLoaderApplication;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * The H2 driver in a URLClassLoader whose parent is the platform class loader (as plugin hosts and module
 * systems load drivers): it sees neither the application's class path nor the agent's jar, only the bootstrap
 * class path where the agent puts the hooks that advice calls.
 */
class PlatformClassLoaderIT extends IsolatedDriverContract {

    private static Runs runs;

    @BeforeAll
    static void runTheHostWithAndWithoutTheAgent() throws Exception {
        runs = Runs.of(List.of(), PlatformLoaderApplication.class, AgentProcess.jarOf("h2").toString());
    }

    @Override
    Runs runs() {
        return runs;
    }

    @Override
    String expectedLoaders() {
        return "driver=java.net.URLClassLoader driverParent=jdk.internal.loader.ClassLoaders$PlatformClassLoader"
                + " driverSeesApplicationClassPath=false";
    }
}
