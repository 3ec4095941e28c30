package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.it.apps.HotStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JIT compiles a driver's small hot methods with a call to the agent's hook, not with the hook's code: only so
 * do they stay small enough to be inlined into the application (see {@code Hooks}). Read from the JIT's own
 * account of its inlining; compiling in the foreground makes the methods compiled by the time the loop ends.
 */
class HotPathInliningIT {

    /** A call to a hook that the JIT compiled into a method, and its decision, which ends with the reason. */
    private static final Pattern HOOK_CALL =
            Pattern.compile("@ \\d+\\s+io\\.integrityagent\\.bootstrap\\.Hooks::(\\w+) \\(\\d+ bytes\\)(.*)$");

    @Test
    void theHooksOfBindsPrepareAndCloseAreNeverInlinedIntoTheDriver() throws Exception {
        AgentProcess.Result run = AgentProcess.app().libraries("h2")
                .jvmOption("-XX:+UnlockDiagnosticVMOptions").jvmOption("-XX:+PrintInlining")
                .jvmOption("-XX:-BackgroundCompilation")
                .run(HotStatements.class).assertSucceeded();

        Map<String, List<String>> decisionsByHook = new TreeMap<>();
        run.stdout.lines().map(HOOK_CALL::matcher).filter(Matcher::find).forEach(call -> decisionsByHook
                .computeIfAbsent(call.group(1), hook -> new ArrayList<>()).add(call.group(2).strip()));

        assertEquals(Set.of("boundInt", "boundLong", "boundObject", "closed", "prepared"), decisionsByHook.keySet(),
                run.stdout);
        decisionsByHook.forEach((hook, decisions) -> assertTrue(
                decisions.stream().allMatch(decision -> decision.endsWith("don't inline by annotation")),
                hook + ": " + decisions));
    }
}
