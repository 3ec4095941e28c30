package io.integrityagent.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One way of running the same JDBC code: bare, under one of the two agents, or through one of the two DataSource
 * wrappers. Each runs in a JVM of its own; the JVM learns which one it is from {@value #PROPERTY}.
 */
public enum Configuration {

    NONE("none", "no agent"),
    /** A -javaagent whose premain does nothing: what the JVM charges for any agent. */
    EMPTY_AGENT("empty-agent", "empty -javaagent (does nothing)"),
    INTEGRITY("integrity", "Integrity Agent"),
    /** The violation path without writing the explanation: capture, recognise, explain, count. */
    INTEGRITY_LOG_OFF("integrity-log-off", "Integrity Agent, log.format=off"),
    /** Every statement, bind values substituted, formatted by p6spy's default single-line format, then discarded. */
    P6SPY("p6spy", "p6spy"),
    /** Every statement with its parameters, formatted by datasource-proxy's default log entry creator, discarded. */
    DATASOURCE_PROXY("datasource-proxy", "datasource-proxy"),
    OPENTELEMETRY("otel", "OpenTelemetry agent"),
    /** The same, with its experimental capture of bind values into each span. */
    OPENTELEMETRY_PARAMETERS("otel-parameters", "OpenTelemetry agent, query parameters");

    public static final String PROPERTY = "bench.config";

    /** Where p6spy sends each formatted statement instead of its default file appender. */
    private static final String P6SPY_APPENDER = DiscardingP6SpyLogger.class.getName();
    /**
     * p6spy's default also leaves out {@code batch}, which would leave addBatch and executeBatch unlogged; here only
     * {@code result} and {@code resultset} (lines per row read) stay out, so every execution and batch entry is
     * logged once.
     */
    private static final String P6SPY_EXCLUDED_CATEGORIES = "info,debug,result,resultset";
    /** The flat-property name of OpenTelemetry's {@code java.jdbc.capture_query_parameters/development}. */
    static final String OTEL_CAPTURE_PARAMETERS = "otel.instrumentation.jdbc.experimental.capture-query-parameters";

    private final String id;
    private final String label;

    Configuration(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The short name used on the command line, in file names and in {@value #PROPERTY}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The JVM options that make a JVM run this configuration. */
    public List<String> jvmArgs(Path integrityAgentJar, Path openTelemetryAgentJar) {
        List<String> args = new ArrayList<>();
        args.add("-D" + PROPERTY + "=" + id);
        switch (this) {
            case EMPTY_AGENT:
                args.add("-javaagent:" + benchmarksJar());
                break;
            case INTEGRITY:
                args.add("-javaagent:" + integrityAgentJar.toAbsolutePath());
                break;
            case INTEGRITY_LOG_OFF:
                args.add("-javaagent:" + integrityAgentJar.toAbsolutePath() + "=log.format=off");
                break;
            case P6SPY:
                args.add("-Dp6spy.config.appender=" + P6SPY_APPENDER);
                args.add("-Dp6spy.config.excludecategories=" + P6SPY_EXCLUDED_CATEGORIES);
                break;
            case OPENTELEMETRY:
            case OPENTELEMETRY_PARAMETERS:
                args.add("-javaagent:" + openTelemetryAgentJar.toAbsolutePath());
                args.add("-Dotel.traces.exporter=none");
                args.add("-Dotel.metrics.exporter=none");
                args.add("-Dotel.logs.exporter=none");
                if (this == OPENTELEMETRY_PARAMETERS) {
                    args.add("-D" + OTEL_CAPTURE_PARAMETERS + "=true");
                }
                break;
            default:
                break;
        }
        return args;
    }

    /** The benchmarks jar, whose manifest names {@link EmptyAgent} as its Premain-Class. */
    private static Path benchmarksJar() {
        try {
            return Path.of(EmptyAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean usesIntegrityAgent() {
        return this == INTEGRITY || this == INTEGRITY_LOG_OFF;
    }

    public boolean usesOpenTelemetryAgent() {
        return this == OPENTELEMETRY || this == OPENTELEMETRY_PARAMETERS;
    }

    /** One of the other tools the agent is compared with, as opposed to the agent and its two baselines. */
    public boolean isPeer() {
        return this == P6SPY || this == DATASOURCE_PROXY || usesOpenTelemetryAgent();
    }

    /** The configuration of this JVM, as the runner set it. */
    public static Configuration current() {
        return byId(System.getProperty(PROPERTY, NONE.id));
    }

    public static Configuration byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown configuration '" + id + "'; known: "
                        + Arrays.stream(values()).map(Configuration::id).reduce((a, b) -> a + ", " + b).orElse("")));
    }
}
