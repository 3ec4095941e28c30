package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrityagent.it.apps.ViolationCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario catalogue ({@link ViolationCatalogue}) on every database of the matrix, each run in a JVM of its
 * own with the packaged agent and without it. For every database: the application sees exactly the same with
 * and without the agent, nothing secret is written, no log line can be forged, every violation is one event and
 * one count — and each scenario's event holds the facts that database's {@code catalogue/<database>.facts} expects.
 * The lookup query an event prints is run as printed by the application right after its scenario, on a connection
 * of its own ({@code LookupCheck}), and must find exactly the rows the facts expect; a lookup with a placeholder
 * for a masked value is expected as printed instead.
 */
class ViolationCatalogueIT {

    /** Derby compiles each statement into a class named by a fresh UUID, which stack traces show. */
    private static final Pattern DERBY_GENERATED_CLASS = Pattern.compile("org\\.apache\\.derby\\.exe\\.a[0-9a-fx]+");
    /** The rows the scenario's lookup found, run as printed on a connection of its own right after the scenario. */
    private static final String LOOKUP_ROWS = "lookupRows";
    /** What a lookup holds when the user must fill in a value first; such a lookup is not run. */
    private static final String LOOKUP_PLACEHOLDER_NOTE = " -- fill in ";
    /** The server numbers its connections: MariaDB Connector/J's "(conn=N)" differs from run to run anyway. */
    private static final Pattern CONNECTION_ID = Pattern.compile("\\(conn=\\d+\\)");

    private static final List<Database> MATRIX = List.of(
            Database.embedded("h2-2.5", "jdbc:h2:mem:catalogue;DB_CLOSE_DELAY=-1", "h2").lingering(),
            Database.olderH2("h2-2.3", "2.3.232"),
            Database.olderH2("h2-2.2", "2.2.224"),
            Database.live("postgresql", LiveServers.POSTGRESQL_URL, LiveServers::requirePostgresql, "postgresql"),
            Database.live("mariadb", LiveServers.MARIADB_URL, LiveServers::requireMariadb, "mariadb-java-client"),
            Database.live("mysql-connector", LiveServers.MYSQL_URL, LiveServers::requireMariadb, "mysql-connector-j"),
            Database.embedded("sqlite", "jdbc:sqlite::memory:", "sqlite-jdbc"),
            Database.embedded("hsqldb", "jdbc:hsqldb:mem:catalogue;user=SA", "hsqldb"),
            Database.embedded("derby", "jdbc:derby:memory:catalogue;create=true", "derby", "derbyshared"));

    @TestFactory
    Stream<DynamicContainer> catalogueOnEveryDatabase() {
        return MATRIX.stream().map(database -> dynamicContainer(database.id,
                Stream.of(database).flatMap(ViolationCatalogueIT::testsOn)));
    }

    /** Runs the catalogue on {@code database} (when its container starts), then checks what the runs left. */
    private static Stream<DynamicNode> testsOn(Database database) {
        CatalogueFacts facts = CatalogueFacts.forDatabase(database.id);
        Run run;
        try {
            run = Run.of(database, facts);
        } catch (Exception e) {
            throw new AssertionError("the catalogue did not run on " + database.id, e);
        }
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("the expectations name every scenario of the catalogue",
                () -> everyScenarioIsExpectedOrNotApplicable(facts)));
        tests.add(dynamicTest("the application sees the same with and without the agent",
                () -> assertEquals(run.withoutAgent.stdout, run.withAgent.stdout)));
        tests.add(dynamicTest("nothing secret is written to the events, log or metrics", () -> {
            for (String secret : ViolationCatalogue.SECRETS) {
                assertFalse(run.eventsText.contains(secret), "events leak " + secret);
                assertFalse(run.withAgent.stderr.contains(secret), "log leaks " + secret);
                assertFalse(run.metrics.contains(secret), "metrics leak " + secret);
            }
        }));
        tests.add(dynamicTest("no value can forge a log line or colour the terminal", () -> {
            assertTrue(run.withAgent.stderrLines().stream().noneMatch(line -> line.startsWith("WARN integrity - forged")),
                    run.withAgent.stderr);
            assertFalse(run.withAgent.stderr.contains("\u001b"));
        }));
        tests.add(dynamicTest("every violation is one event of its scenario and one count", () -> {
            int expected = facts.applicableScenarios().stream().mapToInt(facts::expectedEvents).sum();
            assertEquals(expected, run.events.all().size(), run.events.all().stream()
                    .map(e -> e.path("callSite").asText()).collect(Collectors.joining("\n")));
            assertEquals(expected, run.totalOf("db_integrity_violations_total"), run.metrics);
            assertEquals(0, run.totalOf("integrity_agent_errors_total"), "the agent failed internally:\n" + run.metrics);
        }));
        tests.add(dynamicTest("the application writes no file into the working directory (Derby: derby.log)",
                () -> assertFalse(Files.exists(Path.of("derby.log")))));
        tests.add(dynamicTest("[run]", () -> check(run, CatalogueFacts.RUN, facts.in(CatalogueFacts.RUN), null)));
        for (String scenario : facts.applicableScenarios()) {
            tests.add(dynamicTest(scenario, () -> checkScenario(run, facts, scenario)));
        }
        return tests.stream();
    }

    private static void everyScenarioIsExpectedOrNotApplicable(CatalogueFacts facts) {
        Set<String> named = new TreeSet<>(facts.applicableScenarios());
        named.addAll(facts.notApplicable().keySet());
        Set<String> missing = new TreeSet<>(ViolationCatalogue.CATALOGUE.keySet());
        missing.removeAll(named);
        assertTrue(missing.isEmpty(), "neither expected nor marked not applicable: " + missing);
        named.removeAll(ViolationCatalogue.CATALOGUE.keySet());
        assertTrue(named.isEmpty(), "not in the catalogue: " + named);
    }

    private static void checkScenario(Run run, CatalogueFacts facts, String scenario) {
        List<JsonNode> events = run.events.from(scenario);
        int expected = facts.expectedEvents(scenario);
        assertEquals(expected, events.size(), () -> scenario + " made " + events.size() + " events:\n"
                + events.stream().map(JsonNode::toString).collect(Collectors.joining("\n")));
        check(run, scenario, facts.in(scenario), events.isEmpty() ? null : events.get(0));
        if (!events.isEmpty()) {
            everyLookupIsExpected(scenario, facts.in(scenario), events.get(0));
        }
    }

    /**
     * A lookup the agent printed is expected as it is, and one the user can run as printed is expected to find
     * exactly its rows: nothing printed goes unchecked.
     */
    private static void everyLookupIsExpected(String scenario, List<CatalogueFacts.Fact> facts, JsonNode event) {
        JsonNode lookup = event.path("lookup");
        if (lookup.isNull()) {
            return;
        }
        assertTrue(facts.stream().anyMatch(f -> f.key.equals("lookup")), () -> scenario + " printed a lookup its"
                + " facts do not expect: " + lookup.asText());
        boolean runnable = !lookup.asText().contains(LOOKUP_PLACEHOLDER_NOTE);
        assertEquals(runnable, facts.stream().anyMatch(f -> f.key.equals(LOOKUP_ROWS)), () -> scenario
                + (runnable ? " printed a lookup whose rows its facts do not expect: "
                        : " printed a lookup with a placeholder, which is not run, yet its facts expect rows: ")
                + lookup.asText());
    }

    /** Checks every fact, then fails once with all that do not hold, so one run shows every difference. */
    private static void check(Run run, String scenario, List<CatalogueFacts.Fact> facts, JsonNode event) {
        List<String> failed = new ArrayList<>();
        for (CatalogueFacts.Fact fact : facts) {
            if (fact.key.equals("events")) {
                continue;
            }
            String actual = actual(run, scenario, fact.key, event);
            if (!fact.holdsFor(actual)) {
                boolean wholeText = Set.of("stdout", "stderr", "metrics").contains(fact.key);
                failed.add(fact + "\n      but was: " + (wholeText ? "(see below)" : actual));
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError(scenario + ": " + failed.size() + " facts do not hold:\n  "
                    + String.join("\n  ", failed) + "\nevent: " + event + "\nstdout:\n" + run.withAgent.stdout
                    + "\nstderr:\n" + run.withAgent.stderr);
        }
    }

    private static String actual(Run run, String scenario, String key, JsonNode event) {
        switch (key) {
            case "stdout":
                return run.withAgent.stdout;
            case "stderr":
                return run.withAgent.stderr;
            case "metrics":
                return run.metrics;
            case "explained":
                return String.valueOf(run.withAgent.stderrLines().stream()
                        .filter(line -> line.startsWith("  sent by:") && line.contains("." + scenario + "("))
                        .count());
            case "summarised":
                return String.valueOf(run.summarisedRepeatsOf(scenario));
            case LOOKUP_ROWS:
                return run.lookupRowsOf(scenario);
            default:
                return event == null ? "<no event>" : render(event, key);
        }
    }

    /** The event's field at a dotted path: text as it is, a list or object as JSON, JSON null as "null". */
    private static String render(JsonNode event, String path) {
        JsonNode node = event;
        for (String step : path.split("\\.")) {
            node = node.isArray() && step.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(step))
                    : node.path(step);
        }
        if (node.isMissingNode()) {
            return "<missing>";
        }
        return node.isContainerNode() ? node.toString() : node.isNull() ? "null" : node.asText();
    }

    /** One database of the matrix: how to reach it and which driver jars its application gets. */
    private static final class Database {
        final String id;
        final String url;
        final Runnable requireServer;
        final List<String> libraries;
        final List<Path> jars;
        /** A server's database: the two runs share its place (its name is in the messages), one after the other. */
        final boolean onServer;
        long lingerMillis;

        private Database(String id, String url, Runnable requireServer, List<String> libraries, List<Path> jars,
                         boolean onServer) {
            this.id = id;
            this.url = url;
            this.requireServer = requireServer;
            this.libraries = libraries;
            this.jars = jars;
            this.onServer = onServer;
        }

        static Database embedded(String id, String url, String... libraries) {
            return new Database(id, url, () -> { }, List.of(libraries), List.of(), false);
        }

        static Database olderH2(String id, String version) {
            return new Database(id, "jdbc:h2:mem:catalogue;DB_CLOSE_DELAY=-1", () -> { }, List.of(),
                    List.of(AgentProcess.OLDER_DRIVERS.resolve("h2-" + version + ".jar")), false);
        }

        static Database live(String id, String url, Runnable requireServer, String library) {
            return new Database(id, url, requireServer, List.of(library), List.of(), true);
        }

        /**
         * Summarises repeats every second and waits before exiting, so that the summary comes due. Elsewhere the
         * default interval keeps a slow run's repeats from straddling intervals and being explained twice.
         */
        Database lingering() {
            lingerMillis = 2500;
            return this;
        }

        /** The name of the run's own schema or database on a server, the same for both runs of this JVM. */
        String place() {
            return "ia_catalogue_" + id.replace('-', '_') + "_" + ProcessHandle.current().pid();
        }
    }

    /** The catalogue's two runs on one database, with the events and metrics of the one with the agent. */
    private static final class Run {
        private static final Pattern SUMMARY = Pattern.compile("\\.(\\w+)\\([\\w.]+:\\d+\\) was violated (\\d+) more"
                + " times?");

        final AgentProcess.Result withAgent;
        final AgentProcess.Result withoutAgent;
        final Events events;
        final String eventsText;
        final String metrics;
        /** What the application found when it ran each scenario's lookup, by scenario. */
        final Map<String, JsonNode> lookups;

        private Run(AgentProcess.Result withAgent, AgentProcess.Result withoutAgent, Events events, String eventsText,
                    String metrics, Map<String, JsonNode> lookups) {
            this.withAgent = withAgent;
            this.withoutAgent = withoutAgent;
            this.events = events;
            this.eventsText = eventsText;
            this.metrics = metrics;
            this.lookups = lookups;
        }

        static Run of(Database database, CatalogueFacts facts) throws Exception {
            database.requireServer.run();
            Path directory = Files.createTempDirectory("catalogue-" + database.id);
            Path eventsFile = directory.resolve("events.jsonl");
            Path metricsFile = directory.resolve("metrics.txt");
            Path lookupsFile = directory.resolve("lookups.jsonl");
            int port = AgentProcess.freePort();
            String[] args = {database.url, database.place(), String.join(",", facts.applicableScenarios())};
            String[] libraries = database.libraries.toArray(String[]::new);
            // An embedded database lives in its JVM: the run without the agent goes on meanwhile.
            CompletableFuture<AgentProcess.Result> withoutAgentRun = database.onServer ? null
                    : CompletableFuture.supplyAsync(() -> runWithoutAgent(libraries, database, args));
            AgentProcess.Result withAgent = AgentProcess.app().libraries(libraries).jars(database.jars)
                    .agentArguments("events.file=" + eventsFile + ",prometheus.port=" + port
                            + (database.lingerMillis > 0 ? ",log.summary.interval=1" : ""))
                    .scrapeMetricsInto(port, metricsFile)
                    .jvmOption("-Dit.lingerMillis=" + database.lingerMillis)
                    .jvmOption("-Dit.events=" + eventsFile).jvmOption("-Dit.lookups=" + lookupsFile)
                    .run(ViolationCatalogue.class, args).assertSucceeded();
            AgentProcess.Result withoutAgent = withoutAgentRun == null ? runWithoutAgent(libraries, database, args)
                    : withoutAgentRun.join();
            String eventsText = Files.exists(eventsFile) ? Files.readString(eventsFile) : "";
            Map<String, JsonNode> lookups = new LinkedHashMap<>();
            for (JsonNode lookup : Events.read(lookupsFile).all()) {
                lookups.put(lookup.path("scenario").asText(), lookup);
            }
            return new Run(normalised(withAgent), normalised(withoutAgent), Events.read(eventsFile), eventsText,
                    Files.readString(metricsFile), lookups);
        }

        /** The rows the scenario's lookup found, as a JSON array; or why there are none to compare. */
        String lookupRowsOf(String scenario) {
            JsonNode lookup = lookups.get(scenario);
            if (lookup == null) {
                return "<not run>";
            }
            return lookup.has("error") ? "<error: " + lookup.path("error").asText() + ">"
                    : lookup.path("rows").toString();
        }

        private static AgentProcess.Result runWithoutAgent(String[] libraries, Database database, String[] args) {
            try {
                return AgentProcess.app().libraries(libraries).jars(database.jars).withoutAgent()
                        .run(ViolationCatalogue.class, args).assertSucceeded();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Without what differs between any two runs, agent or not: Derby's class names, MariaDB's connection ids. */
        private static AgentProcess.Result normalised(AgentProcess.Result result) {
            String stdout = CONNECTION_ID.matcher(DERBY_GENERATED_CLASS.matcher(result.stdout)
                    .replaceAll("org.apache.derby.exe.<generated>")).replaceAll("(conn=N)");
            return new AgentProcess.Result(result.exitCode, stdout, result.stderr);
        }

        /** The sum of every series of {@code metric}. */
        long totalOf(String metric) {
            return Math.round(metrics.lines().filter(line -> line.startsWith(metric + "{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
        }

        /** The repeats the log's summaries count for {@code scenario}: they may straddle summary intervals. */
        int summarisedRepeatsOf(String scenario) {
            Matcher summary = SUMMARY.matcher(withAgent.stderr);
            int repeats = 0;
            while (summary.find()) {
                repeats += summary.group(1).equals(scenario) ? Integer.parseInt(summary.group(2)) : 0;
            }
            return repeats;
        }
    }
}
