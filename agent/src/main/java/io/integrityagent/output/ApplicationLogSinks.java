package io.integrityagent.output;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the application's own SLF4J, as seen from a class loader, and writes through its logger
 * {@code integrity}, so explanations land in the application's Logback or Log4j output. The agent bundles no
 * SLF4J of its own: it is looked up reflectively in the application's class loader. Without SLF4J, or with
 * SLF4J but no provider (which would silently drop everything), explanations go to stderr.
 */
public final class ApplicationLogSinks {

    static final String LOGGER_NAME = "integrity";

    /**
     * The application's SLF4J package, assembled at run time: the agent jar relocates {@code org.slf4j} (so its
     * bundled Micrometer never binds to the application's SLF4J), and relocation rewrites string constants too.
     */
    private static final String SLF4J = String.join(".", "org", "slf4j");

    private final Map<ClassLoader, LogSink> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The sink found last, so that a storm from one application's threads does not queue on the map's lock.
     * It holds its loader weakly, like the map.
     */
    private volatile LastFound last = new LastFound(null, LogSink.STDERR);

    /** The sink for code running with {@code loader} as its context class loader. */
    public LogSink forLoader(ClassLoader loader) {
        if (loader == null) {
            return LogSink.STDERR;
        }
        LastFound found = last;
        if (found.loader.get() == loader) {
            return found.sink;
        }
        LogSink sink = byLoader.computeIfAbsent(loader, ApplicationLogSinks::resolve);
        last = new LastFound(loader, sink);
        return sink;
    }

    private static LogSink resolve(ClassLoader loader) {
        try {
            Class<?> factory = Class.forName(SLF4J + ".LoggerFactory", true, loader);
            Object loggerFactory = factory.getMethod("getILoggerFactory").invoke(null);
            if (loggerFactory == null || loggerFactory.getClass().getName().contains("NOP")) {
                return LogSink.STDERR;
            }
            Object logger = factory.getMethod("getLogger", String.class).invoke(null, LOGGER_NAME);
            Class<?> loggerType = Class.forName(SLF4J + ".Logger", false, loader);
            MethodHandle warn = MethodHandles.publicLookup()
                    .findVirtual(loggerType, "warn", MethodType.methodType(void.class, String.class))
                    .bindTo(logger);
            return new Slf4jSink(warn);
        } catch (Throwable noSlf4j) {
            return LogSink.STDERR;
        }
    }

    private static final class LastFound {
        final WeakReference<ClassLoader> loader;
        final LogSink sink;

        LastFound(ClassLoader loader, LogSink sink) {
            this.loader = new WeakReference<>(loader);
            this.sink = sink;
        }
    }

    private static final class Slf4jSink implements LogSink {
        private final MethodHandle warn;

        Slf4jSink(MethodHandle warn) {
            this.warn = warn;
        }

        @Override
        public void warn(String line) {
            try {
                warn.invoke(line);
            } catch (Throwable loggingFailed) {
                LogSink.STDERR.warn(line);
            }
        }
    }
}
