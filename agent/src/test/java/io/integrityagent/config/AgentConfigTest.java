package io.integrityagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentConfigTest {

    private static final String KNOWN = "known settings: enabled, events.file, prometheus.port, prometheus.host, "
            + "log.format, parameters, redact, log.summary.interval, values.max.length, sql.max.length, log.quiet, metrics.application, "
            + "otlp.endpoint, otlp.interval, traces, ui, ui.token, ui.groups, ui.samples";

    private static AgentConfig fromArguments(String agentArguments) {
        return AgentConfig.load(agentArguments, Map.of(), Map.of());
    }

    private static AgentConfig fromSystemProperties(Map<String, String> systemProperties) {
        return AgentConfig.load(null, systemProperties, Map.of());
    }

    private static AgentConfig fromEnvironment(Map<String, String> environment) {
        return AgentConfig.load(null, Map.of(), environment);
    }

    @Test
    void withNothingSetEveryDefaultApplies() {
        AgentConfig config = AgentConfig.load(null, Map.of("user.home", "/home/app"), Map.of("PATH", "/usr/bin"));

        assertTrue(config.enabled());
        assertNull(config.eventsFile());
        assertNull(config.prometheusPort());
        assertEquals("127.0.0.1", config.prometheusHost());
        assertEquals(LogFormat.TEXT, config.logFormat());
        assertTrue(config.captureParameters());
        assertTrue(config.redactPattern().matcher("password").find());
        assertEquals(Duration.ofSeconds(60), config.logSummaryInterval());
        assertEquals(200, config.valuesMaxLength());
        assertEquals(2000, config.sqlMaxLength());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void agentArgumentsWinOverSystemPropertiesWhichWinOverEnvironment() {
        AgentConfig config = AgentConfig.load("events.file=/from/arguments.jsonl",
                Map.of("integrity.events.file", "/from/property.jsonl", "integrity.prometheus.port", "9401"),
                Map.of("INTEGRITY_EVENTS_FILE", "/from/environment.jsonl", "INTEGRITY_PROMETHEUS_PORT", "9402",
                        "INTEGRITY_PROMETHEUS_HOST", "0.0.0.0"));

        assertEquals(Path.of("/from/arguments.jsonl"), config.eventsFile());
        assertEquals(9401, config.prometheusPort());
        assertEquals("0.0.0.0", config.prometheusHost());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void environmentVariablesAreTheKeyUpperCasedWithUnderscoresForDots() {
        AgentConfig config = fromEnvironment(Map.of(
                "INTEGRITY_ENABLED", "false",
                "INTEGRITY_EVENTS_FILE", "/tmp/events.jsonl",
                "INTEGRITY_PROMETHEUS_PORT", "9400",
                "INTEGRITY_LOG_FORMAT", "json",
                "INTEGRITY_LOG_SUMMARY_INTERVAL", "15",
                "INTEGRITY_VALUES_MAX_LENGTH", "64"));

        assertFalse(config.enabled());
        assertEquals(Path.of("/tmp/events.jsonl"), config.eventsFile());
        assertEquals(9400, config.prometheusPort());
        assertEquals(LogFormat.JSON, config.logFormat());
        assertEquals(Duration.ofSeconds(15), config.logSummaryInterval());
        assertEquals(64, config.valuesMaxLength());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void everySettingCanBeGivenAsAnAgentArgument() {
        AgentConfig config = fromArguments("enabled=off,events.file=/var/log/integrity.jsonl,prometheus.port=0,"
                + "prometheus.host=localhost,log.format=JSON,parameters=no,redact=pin,log.summary.interval=1,"
                + "values.max.length=8,sql.max.length=80");

        assertFalse(config.enabled());
        assertEquals(Path.of("/var/log/integrity.jsonl"), config.eventsFile());
        assertEquals(0, config.prometheusPort());
        assertEquals("localhost", config.prometheusHost());
        assertEquals(LogFormat.JSON, config.logFormat());
        assertFalse(config.captureParameters());
        assertEquals("pin", config.redactPattern().pattern());
        assertEquals(Duration.ofSeconds(1), config.logSummaryInterval());
        assertEquals(8, config.valuesMaxLength());
        assertEquals(80, config.sqlMaxLength());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void spacesAroundKeysAndValuesAndEmptyEntriesAreIgnored() {
        AgentConfig config = fromArguments(" prometheus.port = 9400 ,, log.format= json ,");

        assertEquals(9400, config.prometheusPort());
        assertEquals(LogFormat.JSON, config.logFormat());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aKeyGivenTwiceInTheAgentArgumentsTakesTheLastValue() {
        assertEquals(9401, fromArguments("prometheus.port=9400,prometheus.port=9401").prometheusPort());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "yes,true", "On,true", "1,true",
            "false,false", "False,false", "no,false", "OFF,false", "0,false"})
    void booleansAcceptTrueFalseYesNoOnOffAndOneZeroInAnyCase(String value, boolean expected) {
        AgentConfig config = fromArguments("enabled=" + value + ",parameters=" + value);

        assertEquals(expected, config.enabled());
        assertEquals(expected, config.captureParameters());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aBadBooleanWarnsAndKeepsTheDefault() {
        AgentConfig config = fromArguments("parameters=nope");

        assertTrue(config.captureParameters());
        assertEquals(List.of("Integrity Agent: bad value 'nope' for parameters (from agent arguments): "
                + "expected true/false, yes/no, on/off or 1/0; using the default"), config.warnings());
    }

    @Test
    void aPortThatIsNotANumberWarnsAndLeavesTheEndpointOff() {
        AgentConfig config = fromSystemProperties(Map.of("integrity.prometheus.port", "abc"));

        assertNull(config.prometheusPort());
        assertEquals(List.of("Integrity Agent: bad value 'abc' for prometheus.port (from system property "
                + "integrity.prometheus.port): expected a port 0-65535; using the default"), config.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "99999999999"})
    void aPortOutsideZeroTo65535Warns(String port) {
        AgentConfig config = fromEnvironment(Map.of("INTEGRITY_PROMETHEUS_PORT", port));

        assertNull(config.prometheusPort());
        assertEquals(List.of("Integrity Agent: bad value '" + port + "' for prometheus.port (from environment "
                + "variable INTEGRITY_PROMETHEUS_PORT): expected a port 0-65535; using the default"),
                config.warnings());
    }

    @Test
    void portsZeroAnd65535AreAccepted() {
        assertEquals(0, fromArguments("prometheus.port=0").prometheusPort());
        assertEquals(65535, fromArguments("prometheus.port=65535").prometheusPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", " Off "})
    void logFormatOffTurnsTheLogOffWithoutWarning(String value) {
        AgentConfig config = fromArguments("log.format=" + value);

        assertEquals(LogFormat.OFF, config.logFormat());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void anUnknownLogFormatWarnsAndKeepsText() {
        AgentConfig config = fromArguments("log.format=xml");

        assertEquals(LogFormat.TEXT, config.logFormat());
        assertEquals(List.of("Integrity Agent: bad value 'xml' for log.format (from agent arguments): "
                + "expected text, json or off; using the default"), config.warnings());
    }

    @Test
    void aSummaryIntervalBelowOneSecondWarnsAndKeepsSixtySeconds() {
        AgentConfig config = fromArguments("log.summary.interval=0");

        assertEquals(Duration.ofSeconds(60), config.logSummaryInterval());
        assertEquals(List.of("Integrity Agent: bad value '0' for log.summary.interval (from agent arguments): "
                + "expected a whole number of seconds, at least 1; using the default"), config.warnings());
    }

    @Test
    void aValuesMaxLengthBelowEightWarnsAndKeepsTwoHundred() {
        AgentConfig config = fromArguments("values.max.length=7");

        assertEquals(200, config.valuesMaxLength());
        assertEquals(List.of("Integrity Agent: bad value '7' for values.max.length (from agent arguments): "
                + "expected a whole number, at least 8; using the default"), config.warnings());
    }

    @Test
    void anInvalidRedactPatternWarnsAndKeepsTheDefault() {
        AgentConfig config = fromArguments("redact=(unclosed");

        assertTrue(config.redactPattern().matcher("password").find());
        assertEquals(List.of("Integrity Agent: bad value '(unclosed' for redact (from agent arguments): "
                + "expected a regular expression; using the default"), config.warnings());
    }

    @Test
    void anEmptyValueIsABadValue() {
        AgentConfig config = fromEnvironment(Map.of("INTEGRITY_EVENTS_FILE", " "));

        assertNull(config.eventsFile());
        assertEquals(List.of("Integrity Agent: bad value '' for events.file (from environment variable "
                + "INTEGRITY_EVENTS_FILE): expected a file path; using the default"), config.warnings());
    }

    @Test
    void aBadWinningValueFallsBackToTheDefaultNotToALowerSource() {
        AgentConfig config = AgentConfig.load("prometheus.port=abc", Map.of(),
                Map.of("INTEGRITY_PROMETHEUS_PORT", "9400"));

        assertNull(config.prometheusPort());
        assertEquals(1, config.warnings().size());
    }

    @Test
    void anUnknownAgentArgumentWarnsAndListsTheKnownSettings() {
        AgentConfig config = fromArguments("evnts.file=/tmp/x.jsonl");

        assertNull(config.eventsFile());
        assertEquals(List.of("Integrity Agent: unknown setting 'evnts.file' (from agent arguments); " + KNOWN),
                config.warnings());
    }

    @Test
    void anUnknownIntegritySystemPropertyWarnsButOtherPropertiesAreIgnored() {
        AgentConfig config = fromSystemProperties(Map.of("integrity.evnts.file", "/tmp/x.jsonl",
                "java.version", "17", "integrityish", "x"));

        assertEquals(List.of("Integrity Agent: unknown setting 'evnts.file' (from system property "
                + "integrity.evnts.file); " + KNOWN), config.warnings());
    }

    @Test
    void anUnknownIntegrityEnvironmentVariableWarnsButOtherVariablesAreIgnored() {
        AgentConfig config = fromEnvironment(Map.of("INTEGRITY_EVNTS_FILE", "/tmp/x.jsonl",
                "HOME", "/home/app", "integrity_enabled", "false"));

        assertTrue(config.enabled());
        assertEquals(List.of("Integrity Agent: unknown setting 'evnts.file' (from environment variable "
                + "INTEGRITY_EVNTS_FILE); " + KNOWN), config.warnings());
    }

    @Test
    void anAgentArgumentWithoutAnEqualsSignWarns() {
        AgentConfig config = fromArguments("enabled,prometheus.port=9400");

        assertEquals(9400, config.prometheusPort());
        assertEquals(List.of("Integrity Agent: ignoring 'enabled' (from agent arguments): expected key=value"),
                config.warnings());
    }

    @Test
    void everyProblemIsOneWarningInTheOrderFound() {
        AgentConfig config = AgentConfig.load("colour=blue,values.max.length=huge",
                Map.of("integrity.shape", "round"), Map.of("INTEGRITY_SIZE", "big"));

        List<String> warnings = config.warnings();
        assertEquals(4, warnings.size());
        assertTrue(warnings.get(0).startsWith("Integrity Agent: unknown setting 'colour' (from agent arguments)"));
        assertTrue(warnings.get(1).startsWith("Integrity Agent: unknown setting 'shape' (from system property"));
        assertTrue(warnings.get(2).startsWith("Integrity Agent: unknown setting 'size' (from environment variable"));
        assertTrue(warnings.get(3).startsWith("Integrity Agent: bad value 'huge' for values.max.length"));
    }

    @Test
    void anEscapedCommaStaysInsideTheRedactPattern() {
        AgentConfig config = fromArguments("redact=^(pin|pan)_\\d{2\\,4}$,parameters=no");

        assertEquals("^(pin|pan)_\\d{2,4}$", config.redactPattern().pattern());
        assertTrue(config.redactPattern().matcher("PIN_123").find());
        assertFalse(config.captureParameters());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aRedactValueReplacesTheDefaultAndIsCaseInsensitive() {
        AgentConfig config = fromSystemProperties(Map.of("integrity.redact", "nickname"));

        assertTrue(config.redactPattern().matcher("user_NickName").find());
        assertFalse(config.redactPattern().matcher("password").find());
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "user_password", "PASSWD", "pwd", "client_secret", "access_token",
            "apiToken", "API_KEY", "apikey", "api key", "api-key", "credit_card_number", "creditCard", "cardnumber",
            "card_number", "cvv", "CVC", "ssn", "user_ssn", "ssn_hash", "customerSsn", "iban", "private_key",
            "credentials", "Authorization", "bearer", "Cookie", "session_id", "sessionKey", "session.id",
            "userSessionId", "api.key", "private.key", "passphrase", "key_passphrase", "access_key", "AccessKeyId"})
    void theDefaultRedactPatternFindsSecretColumns(String column) {
        assertTrue(fromArguments(null).redactPattern().matcher(column).find(), column);
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "name", "passenger", "pass", "classname", "business_name", "amount", "author",
            "session_count", "key_name", "authorized_by", "is_authorized", "session_idle_minutes", "access_level"})
    void theDefaultRedactPatternLeavesOrdinaryColumnsAlone(String column) {
        assertFalse(fromArguments(null).redactPattern().matcher(column).find(), column);
    }

    @Test
    void theLivePageIsOffByDefaultAndKeepsFiftyGroupsOfFiveSamples() {
        AgentConfig config = fromArguments(null);

        assertFalse(config.ui());
        assertNull(config.uiToken());
        assertEquals(50, config.uiGroups());
        assertEquals(5, config.uiSamples());
        assertNull(config.endpointPort());
    }

    @Test
    void theLivePageWithoutAMetricsPortGetsTheDefaultPort() {
        assertEquals(9464, fromArguments("ui=true").endpointPort());
        assertEquals(9400, fromArguments("ui=true,prometheus.port=9400").endpointPort());
        assertEquals(9400, fromArguments("prometheus.port=9400").endpointPort());
        assertEquals(0, fromArguments("ui=true,prometheus.port=0").endpointPort());
    }

    @Test
    void theLivePageBoundsAndTokenAreRead() {
        AgentConfig config = fromEnvironment(Map.of("INTEGRITY_UI", "yes", "INTEGRITY_UI_TOKEN", "a-long-enough-token",
                "INTEGRITY_UI_GROUPS", "7", "INTEGRITY_UI_SAMPLES", "2"));

        assertTrue(config.ui());
        assertEquals("a-long-enough-token", config.uiToken());
        assertEquals(7, config.uiGroups());
        assertEquals(2, config.uiSamples());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aShortTokenIsRefusedWithoutBeingWrittenOut() {
        AgentConfig config = fromArguments("ui=true,ui.token=short-secret");

        assertNull(config.uiToken());
        assertEquals(List.of("Integrity Agent: bad value (not shown) for ui.token (from agent arguments): expected at"
                + " least 16 characters; it is not used"), config.warnings());
    }

    @ParameterizedTest
    @CsvSource({"ui.groups=0", "ui.groups=1001", "ui.samples=0", "ui.samples=51", "ui.groups=many"})
    void liveBoundsOutOfRangeFallBackToTheDefaults(String setting) {
        AgentConfig config = fromArguments(setting);

        assertEquals(50, config.uiGroups());
        assertEquals(5, config.uiSamples());
        assertEquals(1, config.warnings().size(), config.warnings().toString());
    }

    @Test
    void knownKeysListsEverySettingInDocumentedOrder() {
        assertEquals(List.of("enabled", "events.file", "prometheus.port", "prometheus.host", "log.format",
                "parameters", "redact", "log.summary.interval", "values.max.length", "sql.max.length", "log.quiet", "metrics.application",
                "otlp.endpoint", "otlp.interval", "traces", "ui", "ui.token", "ui.groups", "ui.samples"),
                AgentConfig.knownKeys());
    }

    @Test
    void fromEnvironmentReadsThisJvmsSystemProperties() {
        System.setProperty("integrity.values.max.length", "321");
        try {
            assertEquals(321, AgentConfig.fromEnvironment(null).valuesMaxLength());
            assertEquals(64, AgentConfig.fromEnvironment("values.max.length=64").valuesMaxLength());
        } finally {
            System.clearProperty("integrity.values.max.length");
        }
    }

    @Test
    void logQuietIsOffByDefaultAndMatchesWholeConstraintNamesInAnyCase() {
        assertNull(fromArguments(null).logQuiet());

        AgentConfig config = fromArguments("log.quiet=uk_.*_email|PK_ORDERS");

        assertTrue(config.logQuiet().matcher("UK_USERS_EMAIL").matches());
        assertTrue(config.logQuiet().matcher("pk_orders").matches());
        assertFalse(config.logQuiet().matcher("pk_orders_2").matches());
    }

    @Test
    void applicationMetricsIsAutoByDefaultAndCanBeTurnedOff() {
        assertTrue(fromArguments(null).applicationMetrics());
        assertTrue(fromArguments("metrics.application=AUTO").applicationMetrics());
        assertFalse(fromArguments("metrics.application=off").applicationMetrics());

        AgentConfig bad = fromArguments("metrics.application=maybe");
        assertTrue(bad.applicationMetrics());
        assertEquals(1, bad.warnings().size(), bad.warnings().toString());
    }

    @Test
    void otlpIsOffUnlessAnEndpointIsGivenAndPushesEveryMinuteByDefault() {
        AgentConfig config = fromArguments(null);
        assertEquals(null, config.otlpEndpoint());
        assertEquals(java.time.Duration.ofSeconds(60), config.otlpInterval());
    }

    @Test
    void anOtlpEndpointWithoutAPathGetsTheMetricsPath() {
        assertEquals("http://collector:4318/v1/metrics",
                fromArguments("otlp.endpoint=http://collector:4318").otlpEndpoint().toString());
        assertEquals("http://collector:4318/v1/metrics",
                fromArguments("otlp.endpoint=http://collector:4318/").otlpEndpoint().toString());
        assertEquals("https://otlp.example.com/custom/metrics",
                fromArguments("otlp.endpoint=https://otlp.example.com/custom/metrics").otlpEndpoint().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector:4318", "ftp://collector/", "http://", "not a url"})
    void aBadOtlpEndpointIsAWarningAndNoEndpoint(String endpoint) {
        AgentConfig config = fromArguments("otlp.endpoint=" + endpoint);
        assertEquals(null, config.otlpEndpoint());
        assertTrue(config.warnings().get(0).startsWith("Integrity Agent: bad value '" + endpoint
                + "' for otlp.endpoint"), config.warnings().toString());
    }

    @Test
    void tracesAreReadAutomaticallyUnlessSwitchedOff() {
        assertTrue(fromArguments(null).traces());
        assertTrue(fromArguments("traces=auto").traces());
        assertFalse(fromArguments("traces=off").traces());
        assertTrue(fromArguments("traces=maybe").warnings().get(0).contains("expected auto or off"));
    }
}
