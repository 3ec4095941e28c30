package io.integrityagent.it.apps;

import java.util.List;

/**
 * The little JSON a test application needs without a JSON library on its class path: one string field read from
 * an event line the agent wrote, and strings and arrays written.
 */
final class MiniJson {

    private MiniJson() {
    }

    /**
     * The value of the top-level string field {@code name} in one JSON object line, or null when it is JSON null
     * or missing. A quote inside a value is always escaped, so {@code "name":} unescaped can only be the key.
     */
    static String stringField(String line, String name) {
        String key = "\"" + name + "\":";
        int at = line.indexOf(key);
        if (at < 0 || line.startsWith("null", at + key.length())) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int i = at + key.length() + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = line.charAt(++i);
            switch (escaped) {
                case 'n': value.append('\n'); break;
                case 'r': value.append('\r'); break;
                case 't': value.append('\t'); break;
                case 'b': value.append('\b'); break;
                case 'f': value.append('\f'); break;
                case 'u':
                    value.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default:
                    value.append(escaped);
            }
        }
        throw new IllegalArgumentException("unterminated string " + name + " in " + line);
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ",").append(string(items.get(i)));
        }
        return out.append(']').toString();
    }
}
