package io.integrityagent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateCountsTest {

    @Test
    void failedEntriesComeFromTheUpdateCounts() {
        assertEquals(List.of(1), UpdateCounts.failedEntries(new long[] {1, -3, 1}, 3));
        assertEquals(List.of(2), UpdateCounts.failedEntries(new long[] {1, 1}, 5), "stopped at the failure");
        assertEquals(List.of(), UpdateCounts.failedEntries(new long[] {-3, -3, -3}, 3), "all-or-nothing");
        assertEquals(List.of(0), UpdateCounts.failedEntries(new long[] {-3}, 1));
        assertEquals(List.of(), UpdateCounts.failedEntries(null, 3));
    }
}
