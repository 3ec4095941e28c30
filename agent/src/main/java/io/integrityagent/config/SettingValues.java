package io.integrityagent.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** How the values of settings are read: each parser throws {@link IllegalArgumentException} for a bad value. */
final class SettingValues {

    static final String BOOLEAN_VALUES = "true/false, yes/no, on/off or 1/0";

    private SettingValues() {
    }

    static boolean parseBoolean(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
            case "1":
                return true;
            case "false":
            case "no":
            case "off":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException(value);
        }
    }

    static boolean parseAutoOrOff(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "auto":
                return true;
            case "off":
                return false;
            default:
                throw new IllegalArgumentException(value);
        }
    }

    static URI otlpMetricsUrl(String value) {
        URI uri = URI.create(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(value);
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? URI.create(value.replaceFirst("/?$", "")
                + "/v1/metrics") : uri;
    }

    static int wholeNumber(String value, int min, int max) {
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw new IllegalArgumentException(value);
        }
        return number;
    }

    static Pattern caseInsensitive(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    static String notEmpty(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return value;
    }
}
