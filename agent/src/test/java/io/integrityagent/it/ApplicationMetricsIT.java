package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.ApplicationWithOwnMicrometer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The agent's meters in the application's own Micrometer global registry, and log.quiet. */
class ApplicationMetricsIT {

    private static final String[] MICROMETER = {"h2", "micrometer-core", "micrometer-commons",
            "micrometer-observation", "HdrHistogram", "jspecify"};

    private static final String UNIQUE_SERIES = "APPMETER db.integrity.violations"
            + " [tag(constraint.kind=unique), tag(constraint.name=UK_ACCOUNTS_EMAIL),"
            + " tag(db.collection.name=ACCOUNTS), tag(db.operation.name=INSERT), tag(db.system.name=h2database)]";
    private static final String FOREIGN_KEY_SERIES = "APPMETER db.integrity.violations"
            + " [tag(constraint.kind=foreign_key), tag(constraint.name=FK_ORDERS_ACCOUNT),"
            + " tag(db.collection.name=ORDERS), tag(db.operation.name=INSERT), tag(db.system.name=h2database)]";

    @Test
    void theApplicationsOwnRegistryCountsEveryViolationIncludingThoseBeforeItExisted() throws Exception {
        AgentProcess.Result run = AgentProcess.app().libraries(MICROMETER)
                .run(ApplicationWithOwnMicrometer.class).assertSucceeded();

        assertEquals(List.of(FOREIGN_KEY_SERIES + " = 1.0", UNIQUE_SERIES + " = 2.0"), appMeters(run), run.stdout);
        assertEquals(List.of("APP refused 23505", "APP refused 23505", "APP refused 23506"),
                run.stdout.lines().filter(l -> l.startsWith("APP ")).collect(Collectors.toList()));
    }

    @Test
    void quietConstraintsAreLeftOutOfTheLogButStillCountedAndRecorded() throws Exception {
        Path events = Files.createTempFile("quiet", ".jsonl");
        try {
            AgentProcess.Result run = AgentProcess.app().libraries(MICROMETER)
                    .agentArguments("log.quiet=uk_accounts_.*,events.file=" + events)
                    .run(ApplicationWithOwnMicrometer.class).assertSucceeded();

            assertFalse(run.stderr.contains("UK_ACCOUNTS_EMAIL"), run.stderr);
            assertTrue(run.stderr.contains("Integrity violation: foreign key FK_ORDERS_ACCOUNT"), run.stderr);
            assertEquals(List.of(FOREIGN_KEY_SERIES + " = 1.0", UNIQUE_SERIES + " = 2.0"), appMeters(run));
            List<String> recorded = Files.readAllLines(events);
            assertEquals(2, recorded.stream().filter(e -> e.contains("\"constraint\":\"UK_ACCOUNTS_EMAIL\"")).count(),
                    String.join("\n", recorded));
            assertEquals(3, recorded.size());
        } finally {
            Files.delete(events);
        }
    }

    @Test
    void offLeavesTheApplicationsRegistryAlone() throws Exception {
        AgentProcess.Result run = AgentProcess.app().libraries(MICROMETER)
                .agentArguments("metrics.application=off")
                .run(ApplicationWithOwnMicrometer.class, "0").assertSucceeded();

        assertEquals(List.of(), appMeters(run));
        assertTrue(run.stderr.contains("Integrity violation: unique constraint UK_ACCOUNTS_EMAIL"), run.stderr);
    }

    private static List<String> appMeters(AgentProcess.Result run) {
        return run.stdout.lines().filter(l -> l.startsWith("APPMETER")).collect(Collectors.toList());
    }
}
