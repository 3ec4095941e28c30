package io.integrityagent.ui;

import java.util.Locale;

/** Whether a request's {@code Host} header names this machine's loopback interface, with or without a port. */
final class LoopbackHost {

    private LoopbackHost() {
    }

    static boolean named(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close > 0 && name.substring(1, close).equals("::1") && portOnly(name.substring(close + 1));
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (!portOnly(name.substring(colon))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || name.endsWith(".localhost") || name.matches("127(\\.\\d{1,3}){3}");
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":\\d{1,5}");
    }
}
