package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.StartsAndExits;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The build runs the integration tests once per JDK it supports; each run's applications must be on its JDK. */
class ApplicationJdkIT {

    @Test
    void theApplicationsUnderTestRunOnTheJdkChosenForThisRun() throws Exception {
        String release = Files.readString(AgentProcess.JAVA_HOME.resolve("release"));
        Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
        assertTrue(version.find(), "no JAVA_VERSION in " + AgentProcess.JAVA_HOME + "/release");

        AgentProcess.Result run = AgentProcess.app().run(StartsAndExits.class).assertSucceeded();
        assertEquals("java " + version.group(1), run.stdout.strip(), run.stderr);
    }
}
