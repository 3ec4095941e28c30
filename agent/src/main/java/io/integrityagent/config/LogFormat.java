package io.integrityagent.config;

/** How the agent writes its own log lines; with {@link #OFF} it writes none, while events and metrics go on. */
public enum LogFormat {
    TEXT,
    JSON,
    OFF
}
