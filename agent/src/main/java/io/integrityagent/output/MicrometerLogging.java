package io.integrityagent.output;

import io.micrometer.common.util.internal.logging.InternalLogger;
import io.micrometer.common.util.internal.logging.InternalLoggerFactory;
import java.lang.reflect.Proxy;

/**
 * Keeps the agent's own Micrometer from logging. Without SLF4J in the agent it logs to java.util.logging, which is
 * the application's: the OTLP registry's "Publishing metrics …" line at start, a warning per failed push, and the
 * LogManager initialised early, from the agent's thread, before an application may choose its own
 * ({@code java.util.logging.manager}). The agent counts its failures instead. Set before the agent's first registry
 * is made, as Micrometer's classes take their loggers when they load.
 */
final class MicrometerLogging {

    private static final InternalLoggerFactory SILENT = new Silent();

    private MicrometerLogging() {
    }

    /** Not asking for the current factory first: Micrometer's default, made on that request, logs itself. */
    static void silence() {
        InternalLoggerFactory.setDefaultFactory(SILENT);
    }

    /** Loggers that write nothing: every level is disabled and every log call returns. */
    private static final class Silent extends InternalLoggerFactory {
        @Override
        protected InternalLogger newInstance(String name) {
            return (InternalLogger) Proxy.newProxyInstance(InternalLogger.class.getClassLoader(),
                    new Class<?>[] {InternalLogger.class}, (logger, method, arguments) -> {
                        switch (method.getName()) {
                            case "name":
                            case "toString":
                                return name;
                            case "hashCode":
                                return System.identityHashCode(logger);
                            case "equals":
                                return logger == arguments[0];
                            default:
                                return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                        }
                    });
        }
    }
}
