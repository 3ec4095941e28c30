package io.integrityagent.context;

import io.integrityagent.model.ViolationReport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads the application's current OpenTelemetry span and SLF4J MDC on the thread that ran into a violation, and
 * adds a {@code db.integrity.violation} event to that span. Both APIs are the application's own (the OpenTelemetry
 * Java agent bridges the application's {@code opentelemetry-api} to itself), found in the thread's context class
 * loader by name and called through method handles: the agent neither bundles nor compiles against them. Only the
 * failure path comes here.
 */
public final class ApplicationContext {

    static final String EVENT_NAME = "db.integrity.violation";

    /**
     * Assembled at run time: the agent jar relocates {@code org.slf4j}, and relocation rewrites string constants.
     */
    private static final String SLF4J = String.join(".", "org", "slf4j");
    private static final String OTEL_API = "io.opentelemetry.api";

    private final boolean traces;
    private final Map<ClassLoader, Api> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The handles found last, so that a storm from one application's threads does not queue on the map's lock.
     * It holds its loader weakly, like the map.
     */
    private volatile LastFound last = new LastFound(null, null);

    /** @param traces whether to read spans and add events to them ({@code traces=auto}) */
    public ApplicationContext(boolean traces) {
        this.traces = traces;
    }

    /** The current thread's span and MDC. Never throws; what cannot be read is left null. */
    public Correlation capture() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            return Correlation.NONE;
        }
        Api api = apiOf(loader);
        Object span = null;
        String traceId = null;
        String spanId = null;
        Map<String, String> mdc = null;
        try {
            if (api.currentSpan != null) {
                Object current = api.currentSpan.invoke();
                Object spanContext = api.spanContext.invoke(current);
                if ((boolean) api.isValid.invoke(spanContext)) {
                    span = current;
                    traceId = (String) api.traceId.invoke(spanContext);
                    spanId = (String) api.spanId.invoke(spanContext);
                }
            }
        } catch (Throwable unreadable) {
            span = null;
            traceId = null;
            spanId = null;
        }
        try {
            if (api.mdcCopy != null) {
                @SuppressWarnings("unchecked")
                Map<String, String> copy = (Map<String, String>) api.mdcCopy.invoke();
                mdc = copy;
            }
        } catch (Throwable unreadable) {
            mdc = null;
        }
        return new Correlation(span, traceId, spanId, mdc);
    }

    /**
     * Adds an event naming the violation's kind, constraint, table and operation (never a value) to the span the
     * violation happened in; does nothing outside a span.
     */
    public void addSpanEvent(Correlation correlation, ViolationReport report) throws Throwable {
        if (correlation.span() == null) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Api api = loader == null ? null : apiOf(loader);
        if (api == null || api.addEvent == null) {
            return;
        }
        Object attributes = api.attributesBuilder.invoke();
        attributes = put(api, attributes, "constraint.kind", report.kind() == null ? null : report.kind().label());
        attributes = put(api, attributes, "constraint.name", report.constraint());
        attributes = put(api, attributes, "db.system.name", report.db());
        attributes = put(api, attributes, "db.collection.name", report.table());
        attributes = put(api, attributes, "db.operation.name", report.operation());
        api.addEvent.invoke(correlation.span(), EVENT_NAME, api.build.invoke(attributes));
    }

    private Api apiOf(ClassLoader loader) {
        LastFound found = last;
        if (found.loader.get() == loader) {
            return found.api;
        }
        Api api = byLoader.computeIfAbsent(loader, this::resolve);
        last = new LastFound(loader, api);
        return api;
    }

    private static Object put(Api api, Object builder, String key, String value) throws Throwable {
        return value == null ? builder : api.put.invoke(builder, key, value);
    }

    private Api resolve(ClassLoader loader) {
        Api api = new Api();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        if (traces) {
            try {
                Class<?> span = Class.forName(OTEL_API + ".trace.Span", false, loader);
                Class<?> spanContext = Class.forName(OTEL_API + ".trace.SpanContext", false, loader);
                Class<?> attributes = Class.forName(OTEL_API + ".common.Attributes", false, loader);
                Class<?> builder = Class.forName(OTEL_API + ".common.AttributesBuilder", false, loader);
                MethodHandle currentSpan = lookup.findStatic(span, "current", MethodType.methodType(span));
                api.spanContext = lookup.findVirtual(span, "getSpanContext", MethodType.methodType(spanContext));
                api.isValid = lookup.findVirtual(spanContext, "isValid", MethodType.methodType(boolean.class));
                api.traceId = lookup.findVirtual(spanContext, "getTraceId", MethodType.methodType(String.class));
                api.spanId = lookup.findVirtual(spanContext, "getSpanId", MethodType.methodType(String.class));
                api.attributesBuilder = lookup.findStatic(attributes, "builder", MethodType.methodType(builder));
                api.put = lookup.findVirtual(builder, "put",
                        MethodType.methodType(builder, String.class, String.class));
                api.build = lookup.findVirtual(builder, "build", MethodType.methodType(attributes));
                api.addEvent = lookup.findVirtual(span, "addEvent",
                        MethodType.methodType(span, String.class, attributes));
                api.currentSpan = currentSpan; // last: only a complete set of handles is ever used
            } catch (Throwable noOpenTelemetry) {
                api.currentSpan = null;
                api.addEvent = null;
            }
        }
        try {
            Class<?> mdc = Class.forName(SLF4J + ".MDC", true, loader);
            api.mdcCopy = lookup.findStatic(mdc, "getCopyOfContextMap", MethodType.methodType(Map.class));
        } catch (Throwable noSlf4j) {
            api.mdcCopy = null;
        }
        return api;
    }

    private static final class LastFound {
        final WeakReference<ClassLoader> loader;
        final Api api;

        LastFound(ClassLoader loader, Api api) {
            this.loader = new WeakReference<>(loader);
            this.api = api;
        }
    }

    /** The handles found in one class loader; a null one means that API is not there. */
    private static final class Api {
        MethodHandle currentSpan;
        MethodHandle spanContext;
        MethodHandle isValid;
        MethodHandle traceId;
        MethodHandle spanId;
        MethodHandle attributesBuilder;
        MethodHandle put;
        MethodHandle build;
        MethodHandle addEvent;
        MethodHandle mdcCopy;
    }
}
