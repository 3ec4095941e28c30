package io.integrityagent.model;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a batch's update counts tell about its entries; read by the dialects and the report alike. */
public final class UpdateCounts {

    private UpdateCounts() {
    }

    /**
     * Which batch entries failed, as far as the update counts tell: the entries marked EXECUTE_FAILED when some
     * succeeded, or the entry where the counts stop short (drivers that stop at the first failure). When every
     * entry is marked failed (all-or-nothing drivers) the counts do not tell, and nothing is returned.
     */
    public static List<Integer> failedEntries(long[] updateCounts, int batchSize) {
        if (updateCounts == null) {
            return Collections.emptyList();
        }
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < updateCounts.length; i++) {
            if (updateCounts[i] == Statement.EXECUTE_FAILED) {
                failed.add(i);
            }
        }
        if (!failed.isEmpty()) {
            boolean allFailed = failed.size() == updateCounts.length && updateCounts.length > 1;
            return allFailed ? Collections.emptyList() : failed;
        }
        if (batchSize > updateCounts.length) {
            return Collections.singletonList(updateCounts.length);
        }
        return Collections.emptyList();
    }
}
