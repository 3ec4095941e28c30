package io.integrityagent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The raw values gathered from the configuration sources, and the warnings found on the way. Sources are
 * offered highest precedence first, so the first value offered for a key is the one that counts.
 */
final class Settings {

    private static final String WARNING = "Integrity Agent: ";

    private final List<String> knownKeys;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    Settings(List<String> knownKeys) {
        this.knownKeys = knownKeys;
    }

    /** Records a value unless a higher-precedence source gave the key already; {@code origin} says where it is from. */
    void offer(String key, String value, String origin) {
        if (!knownKeys.contains(key)) {
            warn("unknown setting '" + key + "' (from " + origin + "); known settings: "
                    + String.join(", ", knownKeys));
        } else if (!values.containsKey(key)) {
            values.put(key, value.trim());
            origins.put(key, origin);
        }
    }

    /*
     * One reader per kind of value, without a parser function: these run on the agent's start thread, which the
     * application's first JDBC class may be waiting for, and each lambda costs the cold JVM some tenths of a
     * millisecond. Each gives the key's value, or the default if the key was not given; an empty or bad value
     * adds a warning and gives the default.
     */

    boolean readBoolean(String key, boolean defaultValue) {
        String value = values.get(key);
        try {
            return value == null ? defaultValue : SettingValues.parseBoolean(value);
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, SettingValues.BOOLEAN_VALUES, defaultValue);
        }
    }

    boolean readAutoOrOff(String key, boolean defaultValue) {
        String value = values.get(key);
        try {
            return value == null ? defaultValue : SettingValues.parseAutoOrOff(value);
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, "auto or off", defaultValue);
        }
    }

    Integer readWholeNumber(String key, Integer defaultValue, int min, int max, String expected) {
        String value = values.get(key);
        try {
            if (value == null) {
                return defaultValue;
            }
            return SettingValues.wholeNumber(value, min, max);
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, expected, defaultValue);
        }
    }

    String readText(String key, String defaultValue, String expected) {
        String value = values.get(key);
        return value == null ? defaultValue : value.isEmpty() ? badValue(key, value, expected, defaultValue) : value;
    }

    Path readPath(String key) {
        String value = values.get(key);
        try {
            return value == null ? null : Path.of(SettingValues.notEmpty(value));
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, "a file path", null);
        }
    }

    LogFormat readLogFormat(String key, LogFormat defaultValue) {
        String value = values.get(key);
        try {
            return value == null ? defaultValue : LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, "text, json or off", defaultValue);
        }
    }

    /** A regular expression, compiled to match in any case. */
    Pattern readPattern(String key, Pattern defaultValue) {
        String value = values.get(key);
        try {
            return value == null ? defaultValue : SettingValues.caseInsensitive(SettingValues.notEmpty(value));
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, "a regular expression", defaultValue);
        }
    }

    URI readOtlpUrl(String key) {
        String value = values.get(key);
        try {
            return value == null ? null : SettingValues.otlpMetricsUrl(value);
        } catch (IllegalArgumentException rejected) {
            return badValue(key, value, "an http:// or https:// URL", null);
        }
    }

    /**
     * A text of at least {@code minLength} characters that must never be written out: a bad one is reported
     * without its text, and not used.
     */
    String readSecret(String key, int minLength) {
        String value = values.get(key);
        if (value != null && value.length() < minLength) {
            warn("bad value (not shown) for " + key + " (from " + origins.get(key) + "): expected at least "
                    + minLength + " characters; it is not used");
            return null;
        }
        return value;
    }

    private <T> T badValue(String key, String value, String expected, T defaultValue) {
        warn("bad value '" + value + "' for " + key + " (from " + origins.get(key) + "): expected " + expected
                + "; using the default");
        return defaultValue;
    }

    void warn(String problem) {
        warnings.add(WARNING + problem);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
