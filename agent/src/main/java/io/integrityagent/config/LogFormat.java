package io.integrityagent.config;

/** How the agent writes its own log lines. */
public enum LogFormat {
    TEXT,
    JSON
}
