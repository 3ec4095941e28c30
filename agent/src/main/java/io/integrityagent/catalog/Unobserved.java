package io.integrityagent.catalog;

import java.util.concurrent.Callable;

/**
 * Runs the agent's own queries so that the agent does not report on them. The instrumentation provides it at
 * start-up (it alone knows what it observes); the catalog only receives it.
 */
@FunctionalInterface
public interface Unobserved {

    <T> T run(Callable<T> work) throws Exception;
}
