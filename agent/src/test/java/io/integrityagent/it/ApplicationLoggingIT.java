package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.ApplicationWithOwnLogging;
import org.junit.jupiter.api.Test;

/** An application with its own SLF4J, Logback and Micrometer keeps all of them, and gets the explanation. */
class ApplicationLoggingIT {

    @Test
    void explanationLandsInTheApplicationsOwnLogbackOutputAndItsLoggingAndMetricsKeepWorking() throws Exception {
        AgentProcess.Result run = AgentProcess.app()
                .libraries("h2", "slf4j-api", "logback-classic", "logback-core", "micrometer-core",
                        "micrometer-commons", "micrometer-observation", "HdrHistogram", "jspecify")
                .run(ApplicationWithOwnLogging.class).assertSucceeded();

        assertTrue(run.stdout.contains("APPLOG INFO app - application started"), run.stdout);
        assertTrue(run.stdout.contains("APPLOG WARN integrity - Integrity violation: unique constraint"),
                run.stdout);
        assertTrue(run.stdout.contains("  what:       The INSERT into ACCOUNTS was refused"), run.stdout);
        assertTrue(run.stdout.contains("APPLOG INFO app - sign-up refused: 23505"), run.stdout);
        assertTrue(run.stdout.contains("APPLOG INFO app - application finished; its own counter app.signups = 1.0"),
                run.stdout);
        assertFalse(run.stderr.contains("Integrity violation"), "the explanation went to stderr: " + run.stderr);
        assertFalse(run.stderr.contains("SLF4J"), "SLF4J complained: " + run.stderr);
    }
}
