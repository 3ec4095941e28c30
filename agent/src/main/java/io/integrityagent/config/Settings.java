package io.integrityagent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * The key's value as {@code parse} reads it, or {@code defaultValue} if the key was not given. An empty value,
     * or one that {@code parse} rejects by throwing {@link IllegalArgumentException}, adds a warning and gives
     * {@code defaultValue}.
     */
    <T> T read(String key, T defaultValue, String expected, Function<String, T> parse) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        T parsed = value.isEmpty() ? null : parseOrNull(value, parse);
        if (parsed == null) {
            warn("bad value '" + value + "' for " + key + " (from " + origins.get(key) + "): expected " + expected
                    + "; using the default");
            return defaultValue;
        }
        return parsed;
    }

    /**
     * Like {@link #read}, without a default, for a value that must never be written out: a bad one is
     * reported without its text.
     */
    <T> T readSecret(String key, String expected, Function<String, T> parse) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        T parsed = value.isEmpty() ? null : parseOrNull(value, parse);
        if (parsed == null) {
            warn("bad value (not shown) for " + key + " (from " + origins.get(key) + "): expected " + expected
                    + "; it is not used");
        }
        return parsed;
    }

    void warn(String problem) {
        warnings.add(WARNING + problem);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static <T> T parseOrNull(String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException rejected) {
            return null;
        }
    }
}
