package io.integrityagent.instrumentation;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the agent could not instrument. Each case is counted (stage {@code instrumentation}); the first in each
 * class loader is also said on stderr, naming the loader, the class and why, so that a user can tell which of
 * their drivers the agent does not watch without being flooded when a loader holds many such classes.
 */
final class InstrumentationFailures {

    private static final int MAX_DESCRIPTION = 200;

    /** Counts each failure; until the agent's metrics exist, failures are kept as a number and counted then. */
    private Runnable counter;
    private int uncounted;
    private final Set<ClassLoader> told = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    InstrumentationFailures() {
    }

    InstrumentationFailures(Runnable counter) {
        this.counter = counter;
    }

    synchronized void countWith(Runnable counter) {
        this.counter = counter;
        for (; uncounted > 0; uncounted--) {
            counter.run();
        }
    }

    void report(ClassLoader loader, String className, String why) {
        try {
            count();
            if (told.add(loader)) {
                System.err.println("Integrity Agent: cannot instrument " + className + " in class loader "
                        + describe(loader) + ": " + why + ". Violations sent through the JDBC classes of this class"
                        + " loader that the agent cannot instrument are not reported (said once per class loader;"
                        + " counted under integrity_agent_errors_total{stage=\"instrumentation\"})");
            }
        } catch (Throwable ignored) {
            // Telling must not fail the class loading it happens in.
        }
    }

    private synchronized void count() {
        if (counter == null) {
            uncounted++;
        } else {
            counter.run();
        }
    }

    private static String describe(ClassLoader loader) {
        if (loader == null) {
            return "bootstrap";
        }
        String described;
        try {
            described = loader.toString(); // OSGi frameworks' loaders name their bundle here
        } catch (Throwable unprintable) {
            described = loader.getClass().getName();
        }
        if (described.length() > MAX_DESCRIPTION) {
            described = described.substring(0, MAX_DESCRIPTION) + "…";
        }
        return described.startsWith(loader.getClass().getName()) ? described
                : loader.getClass().getName() + " (" + described + ")";
    }
}
