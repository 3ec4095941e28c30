package io.integrityagent.bench.report;

import io.integrityagent.bench.Configuration;
import io.integrityagent.bench.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The goals of the overhead issue, each judged from what the run measured, in one table: the criterion, the
 * measured value, met or not and by how much. A goal the run did not measure (another JDK, a scenario left out)
 * says so rather than passing.
 *
 * <ol>
 *   <li>Hot path: every fork of the agent within {@value #HOT_PATH_TOLERANCE} of the empty agent — each fork's
 *       ratio to the no-agent fork of its round at least the empty agent's pooled ratio minus the tolerance —
 *       and no more bytes per operation than the empty agent; insert, select, batch, churn, JDK 17 and 25.</li>
 *   <li>The same through HikariCP, against no agent through the same pool.</li>
 *   <li>Violation path: at most {@value #VIOLATION_NANOS} ns and {@value #VIOLATION_BYTES} bytes more per
 *       violation than no agent (from the pooled throughputs: 1e9/ops_agent - 1e9/ops_none), with the log on
 *       and off; the agent's counts exact.</li>
 *   <li>Violation storm: at least {@value #STORM_RATIO} of no agent's throughput; the agent's counts exact.</li>
 *   <li>Start-up: at most {@value #STARTUP_MILLIS} ms more to the first query and {@value #RSS_MIB} MiB more
 *       peak resident memory than no agent (medians), JDK 17 and 25.</li>
 * </ol>
 */
final class Goals {

    static final double HOT_PATH_TOLERANCE = 0.02;
    static final double VIOLATION_NANOS = 5_000;
    static final double VIOLATION_BYTES = 6_000;
    static final double STORM_RATIO = 0.8;
    static final double STARTUP_MILLIS = 150;
    static final double RSS_MIB = 25;
    /** The forks per cell below which the verdicts are flagged as not results (the issue asks for 5 or more). */
    static final int FORKS_FOR_A_RESULT = 5;

    private static final int[] JDKS = {17, 25};
    private static final List<Scenario> HOT_PATH = List.of(Scenario.INSERT, Scenario.SELECT, Scenario.BATCH,
            Scenario.CHURN);
    private static final List<Scenario> POOL = List.of(Scenario.POOL_INSERT, Scenario.POOL_SELECT,
            Scenario.POOL_BATCH);

    private final RunResults results;
    private final List<Row> rows = new ArrayList<>();

    private Goals(RunResults results) {
        this.results = results;
    }

    static void render(RunResults results, StringBuilder out) {
        Goals goals = new Goals(results);
        goals.judge();
        goals.print(out);
    }

    private void judge() {
        for (int feature : JDKS) {
            for (Scenario scenario : HOT_PATH) {
                nonFailingPath(1, scenario, feature);
            }
        }
        for (Scenario scenario : POOL) {
            boolean measured = false;
            for (String jdk : results.jdks()) {
                if (results.cell(jdk, scenario, Configuration.NONE) != null) {
                    nonFailingPath(2, scenario, RunResults.feature(jdk));
                    measured = true;
                }
            }
            if (!measured && scenario != Scenario.POOL_BATCH) {
                nonFailingPath(2, scenario, JDKS[0]);
            }
        }
        int violationJdk = featureMeasuring(Scenario.VIOLATION);
        for (Configuration agent : List.of(Configuration.INTEGRITY, Configuration.INTEGRITY_LOG_OFF)) {
            violationPath(agent, violationJdk);
        }
        exactCounts(3, Scenario.VIOLATION, violationJdk);
        int stormJdk = featureMeasuring(Scenario.STORM);
        storm(stormJdk);
        exactCounts(4, Scenario.STORM, stormJdk);
        for (int feature : JDKS) {
            startup(feature);
        }
    }

    /** The first JDK that measured {@code scenario}, else 17, whose absence the rows then report. */
    private int featureMeasuring(Scenario scenario) {
        return results.jdks().stream().filter(jdk -> results.cell(jdk, scenario, Configuration.NONE) != null)
                .mapToInt(RunResults::feature).findFirst().orElse(JDKS[0]);
    }

    /** Goals 1 and 2: time in every fork, and bytes, against the empty agent. */
    private void nonFailingPath(int goal, Scenario scenario, int feature) {
        String jdk = results.jdkOfFeature(feature);
        Cell none = jdk == null ? null : results.cell(jdk, scenario, Configuration.NONE);
        Cell empty = jdk == null ? null : results.cell(jdk, scenario, Configuration.EMPTY_AGENT);
        Cell agent = jdk == null ? null : results.cell(jdk, scenario, Configuration.INTEGRITY);
        String time = "every agent fork >= empty's ratio - " + HOT_PATH_TOLERANCE;
        String bytes = "agent's B/op <= empty agent's";
        if (none == null || empty == null || agent == null || results.ratiosInRound(agent).isEmpty()) {
            rows.add(Row.notMeasured(goal, scenario.id(), feature, time));
            rows.add(Row.notMeasured(goal, scenario.id(), feature, bytes));
            return;
        }
        double emptyRatio = empty.opsPerSecond() / none.opsPerSecond();
        double limit = emptyRatio - HOT_PATH_TOLERANCE;
        List<Double> agentForks = results.ratiosInRound(agent);
        double worst = agentForks.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
        double emptyWorst = results.ratiosInRound(empty).stream().mapToDouble(Double::doubleValue).min()
                .orElse(Double.NaN);
        rows.add(new Row(goal, scenario.id(), feature, time,
                format("worst of %d forks %.3f vs limit %.3f (empty %.3f, its worst fork %.3f)", agentForks.size(),
                        worst, limit, emptyRatio, emptyWorst),
                Verdict.of(worst - limit, margin -> format("%.3f", margin))));
        double agentBytes = Math.round(agent.bytesPerOp());
        double emptyBytes = Math.round(empty.bytesPerOp());
        rows.add(new Row(goal, scenario.id(), feature, bytes,
                format("%,.0f vs %,.0f B/op (no agent %,.0f)", agentBytes, emptyBytes, none.bytesPerOp()),
                Verdict.of(emptyBytes - agentBytes, margin -> format("%,.0f B", margin))));
    }

    /** Goal 3: the time and bytes one violation adds, from the pooled throughputs. */
    private void violationPath(Configuration agentConfiguration, int feature) {
        String jdk = results.jdkOfFeature(feature);
        Cell none = jdk == null ? null : results.cell(jdk, Scenario.VIOLATION, Configuration.NONE);
        Cell agent = jdk == null ? null : results.cell(jdk, Scenario.VIOLATION, agentConfiguration);
        String settings = agentConfiguration == Configuration.INTEGRITY ? "default: " : "log.format=off: ";
        String time = settings + "+time per violation <= " + format("%.0f us", VIOLATION_NANOS / 1000);
        String bytes = settings + "+bytes per violation <= " + format("%,.0f B", VIOLATION_BYTES);
        if (none == null || agent == null) {
            rows.add(Row.notMeasured(3, Scenario.VIOLATION.id(), feature, time));
            rows.add(Row.notMeasured(3, Scenario.VIOLATION.id(), feature, bytes));
            return;
        }
        double addedNanos = agent.nanosPerOp() - none.nanosPerOp();
        rows.add(new Row(3, Scenario.VIOLATION.id(), feature, time,
                format("%+,.1f us (%,.1f vs %,.1f us per violation)", addedNanos / 1000, agent.nanosPerOp() / 1000,
                        none.nanosPerOp() / 1000),
                Verdict.of(VIOLATION_NANOS - addedNanos, margin -> format("%,.1f us", margin / 1000))));
        double addedBytes = agent.bytesPerOp() - none.bytesPerOp();
        rows.add(new Row(3, Scenario.VIOLATION.id(), feature, bytes,
                format("%+,.0f B (%,.0f vs %,.0f B per violation)", addedBytes, agent.bytesPerOp(),
                        none.bytesPerOp()),
                Verdict.of(VIOLATION_BYTES - addedBytes, margin -> format("%,.0f B", margin))));
    }

    /** Goal 4: the storm's throughput against no agent's, pooled, each fork shown. */
    private void storm(int feature) {
        String jdk = results.jdkOfFeature(feature);
        Cell none = jdk == null ? null : results.cell(jdk, Scenario.STORM, Configuration.NONE);
        Cell agent = jdk == null ? null : results.cell(jdk, Scenario.STORM, Configuration.INTEGRITY);
        String criterion = "throughput >= " + STORM_RATIO + " of no agent's";
        if (none == null || agent == null) {
            rows.add(Row.notMeasured(4, Scenario.STORM.id(), feature, criterion));
            return;
        }
        double ratio = agent.opsPerSecond() / none.opsPerSecond();
        rows.add(new Row(4, Scenario.STORM.id(), feature, criterion,
                format("%.3f (%,.0f vs %,.0f ops/s); forks %s", ratio, agent.opsPerSecond(), none.opsPerSecond(),
                        results.ratiosInRound(agent).stream().map(r -> format("%.2f", r))
                                .collect(Collectors.joining(" "))),
                Verdict.of(ratio - STORM_RATIO, margin -> format("%.3f", margin))));
    }

    /** Goals 3 and 4: every agent fork of the scenario found the agent's counts equal to what it caught. */
    private void exactCounts(int goal, Scenario scenario, int feature) {
        String criterion = "agent counted exactly the violations caught";
        String jdk = results.jdkOfFeature(feature);
        int agentForks = jdk == null ? 0 : Arrays.stream(Configuration.values())
                .filter(Configuration::usesIntegrityAgent).map(c -> results.cell(jdk, scenario, c))
                .mapToInt(cell -> cell == null ? 0 : cell.forks().size()).sum();
        if (agentForks == 0) {
            rows.add(Row.notMeasured(goal, scenario.id(), feature, criterion));
            return;
        }
        List<CountCheck> checks = results.counts(scenario);
        long exact = checks.stream().filter(CountCheck::exact).count();
        long caught = checks.stream().mapToLong(CountCheck::caught).sum();
        long errors = checks.stream().flatMap(c -> c.errors().values().stream()).mapToLong(Long::longValue).sum();
        boolean met = exact == agentForks && checks.size() == agentForks;
        rows.add(new Row(goal, scenario.id(), feature, criterion,
                format("%d of %d agent forks exact: %,d violations; agent errors %,d", exact, agentForks, caught,
                        errors),
                new Verdict(met, met ? "" : (agentForks - exact) + " fork(s)")));
    }

    /**
     * Goal 5: time to the first query, the median of each round's difference to no agent; peak resident memory,
     * the difference of medians.
     */
    private void startup(int feature) {
        StartupTimes startup = results.startup;
        String jdk = startup.jdks().stream().filter(j -> RunResults.feature(j) == feature).findFirst().orElse(null);
        String time = "first query <= +" + format("%.0f ms", STARTUP_MILLIS) + " over no agent";
        String memory = "peak RSS <= +" + format("%.0f MiB", RSS_MIB) + " over no agent";
        OptionalDouble none = jdk == null ? OptionalDouble.empty() : startup.millis(jdk, Configuration.NONE);
        OptionalDouble agent = jdk == null ? OptionalDouble.empty() : startup.millis(jdk, Configuration.INTEGRITY);
        if (none.isEmpty() || agent.isEmpty()) {
            rows.add(Row.notMeasured(5, "start-up", feature, time));
            rows.add(Row.notMeasured(5, "start-up", feature, memory));
            return;
        }
        OptionalDouble empty = startup.pairedAddedMillis(jdk, Configuration.EMPTY_AGENT, Configuration.NONE);
        double added = startup.pairedAddedMillis(jdk, Configuration.INTEGRITY, Configuration.NONE).getAsDouble();
        rows.add(new Row(5, "start-up", feature, time,
                format("%+,.0f ms, median of runs' differences (medians %.2f vs %.2f s; empty agent %s)", added,
                        agent.getAsDouble() / 1000, none.getAsDouble() / 1000,
                        empty.isPresent() ? format("%+,.0f ms", empty.getAsDouble()) : "not run"),
                Verdict.of(STARTUP_MILLIS - added, margin -> format("%,.0f ms", margin))));
        OptionalDouble noneRss = startup.peakRssMib(jdk, Configuration.NONE);
        OptionalDouble agentRss = startup.peakRssMib(jdk, Configuration.INTEGRITY);
        if (noneRss.isEmpty() || agentRss.isEmpty()) {
            rows.add(Row.notMeasured(5, "start-up", feature, memory));
            return;
        }
        OptionalDouble emptyRss = startup.peakRssMib(jdk, Configuration.EMPTY_AGENT);
        double addedRss = agentRss.getAsDouble() - noneRss.getAsDouble();
        rows.add(new Row(5, "start-up", feature, memory,
                format("%+.1f MiB (%.1f vs %.1f MiB; empty agent %s)", addedRss, agentRss.getAsDouble(),
                        noneRss.getAsDouble(), emptyRss.isPresent()
                                ? format("%+.1f MiB", emptyRss.getAsDouble() - noneRss.getAsDouble()) : "not run"),
                Verdict.of(RSS_MIB - addedRss, margin -> format("%.1f MiB", margin))));
    }

    private void print(StringBuilder out) {
        int fewestForks = results.forks.stream().filter(f -> !f.configuration().isPeer())
                .collect(Collectors.groupingBy(f -> f.jdk() + " " + f.scenario() + " " + f.configuration(),
                        Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).min().orElse(0);
        out.append("Goals of the overhead issue, as measured by this run\n");
        if (fewestForks > 0 && fewestForks < FORKS_FOR_A_RESULT) {
            out.append(format("NOTE: %d fork(s) per cell of no agent/empty/agent, fewer than %d: these verdicts are"
                    + " a smoke test, not results.%n", fewestForks, FORKS_FOR_A_RESULT));
        }
        int measured = (int) rows.stream().filter(r -> r.verdict().met() != null).count();
        int met = (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.verdict().met())).count();
        int measuredWidth = rows.stream().mapToInt(r -> r.measured().length()).max().orElse(8);
        String line = "  %-4s %-12s %-4s %-49s %-" + measuredWidth + "s  %s%n";
        out.append(format(line, "goal", "scenario", "JDK", "criterion", "measured", "verdict"));
        for (Row row : rows) {
            out.append(format(line, row.goal(), row.scenario(), row.jdk(), row.criterion(), row.measured(),
                    row.verdict().text()));
        }
        out.append(format("%d of %d criteria met; %d of %d not measured in this run%n", met, measured,
                rows.size() - measured, rows.size()));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private record Row(int goal, String scenario, int jdk, String criterion, String measured, Verdict verdict) {
        static Row notMeasured(int goal, String scenario, int jdk, String criterion) {
            return new Row(goal, scenario, jdk, criterion, "-", new Verdict(null, ""));
        }
    }

    /** Met, not met, or not measured ({@code met} null), with the margin by which. */
    private record Verdict(Boolean met, String margin) {
        /** @param margin how far inside the goal the value is; negative when outside */
        static Verdict of(double margin, DoubleFunction<String> format) {
            return new Verdict(margin >= 0, format.apply(Math.abs(margin)));
        }

        String text() {
            if (met == null) {
                return "not measured";
            }
            return (met ? "met" : "NOT MET") + (margin.isEmpty() ? "" : (met ? ", margin " : ", short by ") + margin);
        }
    }
}
