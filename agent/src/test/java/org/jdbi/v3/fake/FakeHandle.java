package org.jdbi.v3.fake;

import io.integrityagent.capture.CallSite;

/** A frame of a framework the agent names but does not model (Jdbi's package), beginning the walk as the pipeline does. */
public final class FakeHandle {

    private FakeHandle() {
    }

    public static CallSite.Located located() {
        return CallSite.walker().walk(CallSite.search());
    }
}
