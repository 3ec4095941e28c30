package io.integrityagent.util;

import java.util.List;

/** The packages of the JDK's own classes, which are never instrumented, never a call site, never a driver. */
public final class JdkPackages {

    public static final List<String> PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private JdkPackages() {
    }

    /** Whether {@code className} (binary name) belongs to the JDK. */
    public static boolean contains(String className) {
        for (String prefix : PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
