package io.integrityagent.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions the build put into {@code bench-versions.properties}: the agent's, every peer's, H2's, JMH's. */
final class Versions {

    private final Properties versions = new Properties();

    Versions() {
        try (InputStream in = Versions.class.getResourceAsStream("/bench-versions.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String of(String key) {
        return versions.getProperty(key, "?");
    }
}
