package io.integrityagent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The agent's settings, read once at start-up.
 *
 * <p>Each setting is taken from the first of these sources that gives it:
 * <ol>
 *   <li>the agent arguments, the text after {@code =} in
 *       {@code -javaagent:integrity-agent.jar=events.file=/tmp/events.jsonl,prometheus.port=9400}.
 *       Entries are separated by commas, so a comma inside a value (a {@code redact} pattern such as
 *       {@code \d{2,4}}) is written {@code \,}; no other backslash is special. A key given twice takes its
 *       last value;</li>
 *   <li>system properties {@code integrity.<key>}, e.g. {@code -Dintegrity.events.file=/tmp/events.jsonl};</li>
 *   <li>environment variables {@code INTEGRITY_<KEY>}, the key upper-cased with dots as underscores,
 *       e.g. {@code INTEGRITY_EVENTS_FILE}, {@code INTEGRITY_PROMETHEUS_PORT};</li>
 *   <li>the defaults, listed with every key and its validation in the constructor.</li>
 * </ol>
 *
 * <p>Configuration never stops the application. An unknown key (among system properties only those starting
 * {@code integrity.}, among environment variables only those starting {@code INTEGRITY_}) and a bad value each
 * add one line to {@link #warnings()}. Only the value that wins is checked; if it is bad the default is used,
 * not a value from a lower source. Booleans accept true/false, yes/no, on/off and 1/0 in any case; an empty
 * value is a bad value for every key.
 */
public final class AgentConfig {

    private static final String ENABLED = "enabled";
    private static final String EVENTS_FILE = "events.file";
    private static final String PROMETHEUS_PORT = "prometheus.port";
    private static final String PROMETHEUS_HOST = "prometheus.host";
    private static final String LOG_FORMAT = "log.format";
    private static final String PARAMETERS = "parameters";
    private static final String REDACT = "redact";
    private static final String LOG_SUMMARY_INTERVAL = "log.summary.interval";
    private static final String VALUES_MAX_LENGTH = "values.max.length";
    private static final String SQL_MAX_LENGTH = "sql.max.length";
    private static final String LOG_QUIET = "log.quiet";
    private static final String METRICS_APPLICATION = "metrics.application";

    private static final String OTLP_ENDPOINT = "otlp.endpoint";
    private static final String OTLP_INTERVAL = "otlp.interval";
    private static final String TRACES = "traces";
    private static final String UI = "ui";
    private static final String UI_TOKEN = "ui.token";
    private static final String UI_GROUPS = "ui.groups";
    private static final String UI_SAMPLES = "ui.samples";

    /** The endpoint's port when {@code ui=true} is given without {@code prometheus.port}: OpenTelemetry's 9464. */
    public static final int DEFAULT_ENDPOINT_PORT = 9464;
    /** Shorter tokens could be guessed by whoever reaches the port. */
    private static final int MIN_TOKEN_LENGTH = 16;

    private static final List<String> KNOWN_KEYS = List.of(ENABLED, EVENTS_FILE, PROMETHEUS_PORT, PROMETHEUS_HOST,
            LOG_FORMAT, PARAMETERS, REDACT, LOG_SUMMARY_INTERVAL, VALUES_MAX_LENGTH, SQL_MAX_LENGTH, LOG_QUIET,
            METRICS_APPLICATION, OTLP_ENDPOINT, OTLP_INTERVAL, TRACES, UI, UI_TOKEN, UI_GROUPS, UI_SAMPLES);

    private static final String SYSTEM_PROPERTY_PREFIX = "integrity.";
    private static final String ENVIRONMENT_PREFIX = "INTEGRITY_";
    private static final String AGENT_ARGUMENTS = "agent arguments";

    /** Column names whose values are never shown: each alternative is found anywhere in the name, in any case. */
    private static final Pattern DEFAULT_REDACT = SettingValues.caseInsensitive(
            "password|passwd|passphrase|pwd|secret|token"
            + "|api[ ._-]?key|private[ ._-]?key|access[ ._-]?key|credential|authorization|bearer|cookie"
            // A session id must end a word, or "session_idle_minutes" would match.
            + "|session[ ._-]?(id|key)(?![a-z])"
            + "|credit[ ._-]?card|card[ ._-]?number|cvv|cvc"
            // ssn must start or end a word, or "classname" would match.
            + "|(?<![a-z])ssn|ssn(?![a-z])"
            + "|iban");

    private final boolean enabled;
    private final Path eventsFile;
    private final Integer prometheusPort;
    private final String prometheusHost;
    private final LogFormat logFormat;
    private final boolean captureParameters;
    private final Pattern redactPattern;
    private final Duration logSummaryInterval;
    private final int valuesMaxLength;
    private final int sqlMaxLength;
    private final Pattern logQuiet;
    private final boolean applicationMetrics;
    private final URI otlpEndpoint;
    private final Duration otlpInterval;
    private final boolean traces;
    private final boolean ui;
    private final String uiToken;
    private final int uiGroups;
    private final int uiSamples;
    private final List<String> warnings;

    private AgentConfig(Settings settings) {
        enabled = settings.readBoolean(ENABLED, true);
        eventsFile = settings.readPath(EVENTS_FILE);
        prometheusPort = settings.readWholeNumber(PROMETHEUS_PORT, null, 0, 65535, "a port 0-65535");
        prometheusHost = settings.readText(PROMETHEUS_HOST, "127.0.0.1", "a host name or address");
        logFormat = settings.readLogFormat(LOG_FORMAT, LogFormat.TEXT);
        captureParameters = settings.readBoolean(PARAMETERS, true);
        redactPattern = settings.readPattern(REDACT, DEFAULT_REDACT);
        logSummaryInterval = Duration.ofSeconds(settings.readWholeNumber(LOG_SUMMARY_INTERVAL, 60, 1,
                Integer.MAX_VALUE, "a whole number of seconds, at least 1"));
        valuesMaxLength = settings.readWholeNumber(VALUES_MAX_LENGTH, 200, 8, Integer.MAX_VALUE,
                "a whole number, at least 8");
        sqlMaxLength = settings.readWholeNumber(SQL_MAX_LENGTH, 2000, 80, Integer.MAX_VALUE,
                "a whole number, at least 80");
        logQuiet = settings.readPattern(LOG_QUIET, null);
        applicationMetrics = settings.readAutoOrOff(METRICS_APPLICATION, true);
        otlpEndpoint = settings.readOtlpUrl(OTLP_ENDPOINT);
        otlpInterval = Duration.ofSeconds(settings.readWholeNumber(OTLP_INTERVAL, 60, 1, Integer.MAX_VALUE,
                "a whole number of seconds, at least 1"));
        traces = settings.readAutoOrOff(TRACES, true);
        ui = settings.readBoolean(UI, false);
        uiToken = settings.readSecret(UI_TOKEN, MIN_TOKEN_LENGTH);
        uiGroups = settings.readWholeNumber(UI_GROUPS, 50, 1, 1000, "a whole number 1-1000");
        uiSamples = settings.readWholeNumber(UI_SAMPLES, 5, 1, 50, "a whole number 1-50");
        warnings = settings.warnings();
    }

    /**
     * Reads the settings from the given sources, highest precedence first.
     *
     * @param agentArguments the text after {@code =} in {@code -javaagent:}, or {@code null} if there was none
     */
    public static AgentConfig load(String agentArguments, Map<String, String> systemProperties,
            Map<String, String> environment) {
        Settings settings = new Settings(KNOWN_KEYS);
        for (Map.Entry<String, String> argument : parseAgentArguments(agentArguments, settings).entrySet()) {
            settings.offer(argument.getKey(), argument.getValue(), AGENT_ARGUMENTS);
        }
        for (Map.Entry<String, String> property : systemProperties.entrySet()) {
            String name = property.getKey();
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
                settings.offer(name.substring(SYSTEM_PROPERTY_PREFIX.length()), property.getValue(),
                        "system property " + name);
            }
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(ENVIRONMENT_PREFIX)) {
                String key = name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                settings.offer(key, variable.getValue(), "environment variable " + name);
            }
        }
        return new AgentConfig(settings);
    }

    /** Reads the settings from the agent arguments, this JVM's system properties and its environment. */
    public static AgentConfig fromEnvironment(String agentArguments) {
        // Sorted, so that warnings come in the same order on every start.
        Map<String, String> systemProperties = new TreeMap<>();
        Properties properties = System.getProperties();
        for (String name : properties.stringPropertyNames()) {
            systemProperties.put(name, properties.getProperty(name));
        }
        return load(agentArguments, systemProperties, new TreeMap<>(System.getenv()));
    }

    public static List<String> knownKeys() {
        return KNOWN_KEYS;
    }

    /** One line per unknown key or bad value, in the order found. */
    public List<String> warnings() {
        return warnings;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The JSON Lines file events are appended to, {@code null} if not set. */
    public Path eventsFile() {
        return eventsFile;
    }

    /** The port of the Prometheus endpoint, 0 for any free port, {@code null} for no endpoint. */
    public Integer prometheusPort() {
        return prometheusPort;
    }

    public String prometheusHost() {
        return prometheusHost;
    }

    public LogFormat logFormat() {
        return logFormat;
    }

    /** Whether bind values are captured. */
    public boolean captureParameters() {
        return captureParameters;
    }

    /** A column whose name contains a match (found, not matched whole) has its values redacted. */
    public Pattern redactPattern() {
        return redactPattern;
    }

    /** How often repeats of one constraint from one call site are summarised after the first is logged. */
    public Duration logSummaryInterval() {
        return logSummaryInterval;
    }

    /** Rendered values longer than this are truncated. */
    public int valuesMaxLength() {
        return valuesMaxLength;
    }

    /** The SQL text shown is cut after this many characters (its long literals are shortened first). */
    public int sqlMaxLength() {
        return sqlMaxLength;
    }

    /**
     * Constraint names (matched whole, in any case) whose violations are not logged; they are still counted and
     * recorded as events. {@code null} if every violation is logged.
     */
    public Pattern logQuiet() {
        return logQuiet;
    }

    /** Whether the agent's meters also go to the application's own Micrometer, when it has one. */
    public boolean applicationMetrics() {
        return applicationMetrics;
    }

    /**
     * Where the meters are pushed over OTLP/HTTP, {@code null} for nowhere. A URL without a path gets the OTLP
     * metrics path, so a collector's base address ({@code http://collector:4318}) works as it is.
     */
    public URI otlpEndpoint() {
        return otlpEndpoint;
    }

    /** How often the meters are pushed over OTLP. */
    public Duration otlpInterval() {
        return otlpInterval;
    }

    /** Whether events carry the current OpenTelemetry trace and the span gets an event per violation. */
    public boolean traces() {
        return traces;
    }

    /** Whether the agent's HTTP endpoint serves the live page of recent violations ({@code /}, {@code /violations}). */
    public boolean ui() {
        return ui;
    }

    /**
     * The token the live page and its JSON require, {@code null} for none; without one the page is served only
     * on a loopback address.
     */
    public String uiToken() {
        return uiToken;
    }

    /** How many groups of violations (one per constraint and table) the live page keeps, the most recent. */
    public int uiGroups() {
        return uiGroups;
    }

    /** How many recent samples the live page keeps of each group. */
    public int uiSamples() {
        return uiSamples;
    }

    /**
     * The port of the agent's HTTP endpoint: {@code prometheus.port}, or {@link #DEFAULT_ENDPOINT_PORT} when the
     * live page is wanted without it; {@code null} for no endpoint.
     */
    public Integer endpointPort() {
        return prometheusPort == null && ui ? Integer.valueOf(DEFAULT_ENDPOINT_PORT) : prometheusPort;
    }

    /** The {@code key=value} entries of the agent arguments; a later entry for a key replaces an earlier one. */
    private static Map<String, String> parseAgentArguments(String agentArguments, Settings settings) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (agentArguments == null) {
            return entries;
        }
        for (String entry : splitAtUnescapedCommas(agentArguments)) {
            int equals = entry.indexOf('=');
            if (equals >= 0) {
                entries.put(entry.substring(0, equals).trim(), entry.substring(equals + 1));
            } else if (!entry.isBlank()) {
                settings.warn("ignoring '" + entry.trim() + "' (from " + AGENT_ARGUMENTS + "): expected key=value");
            }
        }
        return entries;
    }

    private static List<String> splitAtUnescapedCommas(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                part.append(',');
                i++;
            } else if (c == ',') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
