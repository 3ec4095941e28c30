package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.AccessPath;
import org.jdbi.v3.fake.FakeHandle;
import org.junit.jupiter.api.Test;

/** A live walk reads each frame's framework by its class, once per class: the answer must stay the same. */
class OtherFrameworkByClassTest {

    @Test
    void aFrameOfAFrameworkTheAgentOnlyNamesIsNamedAtEveryWalk() {
        for (int walk = 0; walk < 3; walk++) { // the later walks read what the first decided for the class
            CallSite.Located located = FakeHandle.located();

            assertTrue(located.callSite().startsWith(getClass().getName()
                    + ".aFrameOfAFrameworkTheAgentOnlyNamesIsNamedAtEveryWalk("), located.callSite());
            assertEquals(AccessPath.Layer.OTHER, located.path().layer());
            assertEquals("Jdbi", located.path().framework());
        }
    }

    @Test
    void aClassOfNoFrameworkLeavesThePathPlainJdbcAtEveryWalk() {
        for (int walk = 0; walk < 2; walk++) {
            AccessFrames between = new AccessFrames();
            between.see(OtherFrameworkByClassTest.class.getName(), () -> "m", OtherFrameworkByClassTest.class);

            assertEquals(AccessPath.Layer.JDBC, between.path().layer());
        }
    }
}
