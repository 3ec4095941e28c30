package io.integrityagent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo as the README runs it: the packaged demo jar with the packaged agent, on the embedded H2. Each of its
 * seven scenarios must end in an explanation, an event and a count.
 */
class DemoAppIT {

    private static final Path AGENT_JAR = Paths.get(System.getProperty("it.agentJar"));
    private static final Path DEMO_JAR = Paths.get(System.getProperty("it.demoJar"));
    private static final int SCENARIOS = 7;
    private static final Pattern SCENARIO = Pattern.compile("^(\\d+)\\. ");

    @Test
    void everyScenarioIsExplainedRecordedAndCounted() throws Exception {
        Path events = Files.createTempDirectory("demo-it").resolve("events.jsonl");
        int port = freePort();
        Run demo = Run.of(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AGENT_JAR.toAbsolutePath() + "=events.file=" + events + ",prometheus.port=" + port,
                "-jar", DEMO_JAR.toAbsolutePath().toString(), "--metrics", "http://127.0.0.1:" + port + "/metrics"));

        assertEquals(0, demo.exitCode, demo.output);
        assertTrue(demo.output.startsWith("Integrity Agent "), demo.output);
        List<List<String>> scenarios = scenarios(demo.output);
        assertEquals(SCENARIOS, scenarios.size(), demo.output);
        for (int i = 0; i < SCENARIOS; i++) {
            List<String> scenario = scenarios.get(i);
            String title = scenario.get(0);
            assertTrue(title.startsWith((i + 1) + ". "), title);
            assertEquals(1, scenario.stream().filter(line -> line.startsWith("WARN integrity - Integrity violation: "))
                    .count(), "one explanation for " + title + "\n" + String.join("\n", scenario));
            for (String field : List.of("  what:", "  fix:", "  sent by:    io.integrityagent.demo.")) {
                assertTrue(scenario.stream().anyMatch(line -> line.startsWith(field)),
                        field.strip() + " missing for " + title + "\n" + String.join("\n", scenario));
            }
            assertTrue(scenario.stream().anyMatch(line -> line.startsWith("   the application caught: ")), title);
        }
        assertEquals(SCENARIOS, Files.readAllLines(events).size(), "events");
        assertEquals(SCENARIOS, countedViolations(demo.output), demo.output);
    }

    /** The lines of each numbered scenario, from its title up to the next one or the metrics. */
    private static List<List<String>> scenarios(String output) {
        List<List<String>> scenarios = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (SCENARIO.matcher(line).find()) {
                scenarios.add(new ArrayList<>());
            } else if (line.startsWith("Metrics scraped") || line.startsWith("The agent's metrics endpoint")) {
                break;
            }
            if (!scenarios.isEmpty()) {
                scenarios.get(scenarios.size() - 1).add(line);
            }
        }
        return scenarios;
    }

    /** The sum of the {@code db_integrity_violations_total} series the demo scraped from the agent. */
    private static int countedViolations(String output) {
        Matcher series = Pattern.compile("(?m)^ *db_integrity_violations_total\\{.*\\} (\\d+(?:\\.\\d+)?)$")
                .matcher(output);
        double total = 0;
        while (series.find()) {
            total += Double.parseDouble(series.group(1));
        }
        return (int) total;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One run of a command, stdout and stderr in one stream as a terminal shows them. */
    private record Run(int exitCode, String output) {
        static Run of(List<String> command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the demo did not finish within 120 s");
            }
            return new Run(process.exitValue(), output);
        }
    }
}
