package io.integrityagent.output;

/** Where explanations are written: the application's own SLF4J logger {@code integrity}, or stderr. */
public interface LogSink {

    LogSink STDERR = line -> System.err.println("WARN integrity - " + line);

    void warn(String line);
}
