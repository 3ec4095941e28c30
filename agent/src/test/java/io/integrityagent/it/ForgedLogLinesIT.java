package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.ForgedIdentifiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names a PostgreSQL schema holds — a table with a line break, a constraint with a carriage return, U+2028 and a
 * right-to-left override, a column with U+2029 — cannot start a line of their own in anything the agent writes:
 * full explanations, the summaries of repeats (while running and at exit), stderr, events.
 */
class ForgedLogLinesIT {

    private static final String SCHEMA = "ia_forged_it_" + ProcessHandle.current().pid();

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void noNameTheDatabaseSuppliesStartsALine(String format) throws Exception {
        LiveServers.requirePostgresql();
        Path dir = Files.createTempDirectory("forged-it");
        Path eventsFile = dir.resolve("events.jsonl");
        int port = AgentProcess.freePort();
        AgentProcess.Result run = AgentProcess.app().libraries("postgresql")
                .agentArguments("log.format=" + format + ",log.summary.interval=1,events.file=" + eventsFile
                        + ",prometheus.port=" + port)
                .scrapeMetricsInto(port, dir.resolve("metrics.txt"))
                .run(ForgedIdentifiers.class, LiveServers.POSTGRESQL_URL, LiveServers.POSTGRESQL_USER,
                        SCHEMA + "_" + format)
                .assertSucceeded();
        String events = Files.readString(eventsFile);

        for (String output : List.of(run.stderr, events)) {
            for (String line : AgentLog.lines(output)) {
                assertFalse(line.startsWith(ForgedIdentifiers.FORGED), () -> "forged line: " + line + "\nin:\n"
                        + output);
            }
        }
        assertNoRawInvisibleOrBreakingCharacter(events.replace("\n", ""));
        assertNoRawInvisibleOrBreakingCharacter(run.stderr.replace("\n", ""));

        List<String> summaries = AgentLog.summaries(run.stderr);
        assertTrue(summaries.size() >= 2, run.stderr); // one per constraint at least, some written at exit
        String escapedConstraint = "u\\r" + ForgedIdentifiers.FORGED + "\\u2028" + ForgedIdentifiers.FORGED
                + "\\u202edegrof";
        if (format.equals("text")) {
            assertTrue(summaries.stream().anyMatch(s -> s.contains("unique constraint " + escapedConstraint
                    + " from ")), run.stderr);
            assertTrue(summaries.stream().anyMatch(s -> s.contains("NOT NULL constraint on t\\n"
                    + ForgedIdentifiers.FORGED + " from ")), run.stderr);
            assertEquals(12, AgentLog.violationsInTextLog(run.stderr), run.stderr);
        } else {
            List<JsonNode> parsed = summaries.stream().map(s -> AgentLog.json(s.substring(AgentLog.PREFIX.length())))
                    .collect(Collectors.toList());
            assertTrue(parsed.stream().anyMatch(s -> s.get("constraint").asText()
                    .equals(ForgedIdentifiers.CONSTRAINT)), run.stderr);
            assertTrue(parsed.stream().anyMatch(s -> ForgedIdentifiers.TABLE.equals(s.get("table").asText())),
                    run.stderr);
            assertEquals(12, AgentLog.violationsInJsonLog(run.stderr), run.stderr);
        }
        List<JsonNode> all = Events.read(eventsFile).all();
        assertEquals(12, all.size());
        assertTrue(all.stream().anyMatch(e -> ForgedIdentifiers.CONSTRAINT.equals(e.get("constraint").asText())),
                events);
        assertEquals(12, AgentLog.violationsCounted(Files.readString(dir.resolve("metrics.txt"))));
    }

    private static void assertNoRawInvisibleOrBreakingCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaksOrReorders = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            int at = i;
            assertFalse(breaksOrReorders, () -> "raw U+" + Integer.toHexString(c) + " at " + at + " in:\n" + text);
        }
    }
}
