package io.integrityagent.context;

import java.util.Map;

/**
 * What the application's thread was doing when a violation happened: the OpenTelemetry span it ran in and its
 * SLF4J MDC, both as found (raw, not yet masked).
 */
public final class Correlation {

    public static final Correlation NONE = new Correlation(null, null, null, null);

    private final Object span;
    private final String traceId;
    private final String spanId;
    private final Map<String, String> mdc;

    Correlation(Object span, String traceId, String spanId, Map<String, String> mdc) {
        this.span = span;
        this.traceId = traceId;
        this.spanId = spanId;
        this.mdc = mdc;
    }

    /** The application's {@code io.opentelemetry.api.trace.Span}, or null when not inside a valid span. */
    Object span() {
        return span;
    }

    /** 32 lowercase hex digits, or null when not inside a valid span. */
    public String traceId() {
        return traceId;
    }

    /** 16 lowercase hex digits, or null when not inside a valid span. */
    public String spanId() {
        return spanId;
    }

    /** A copy of the thread's MDC, or null when the application has no SLF4J MDC. */
    public Map<String, String> mdc() {
        return mdc;
    }
}
