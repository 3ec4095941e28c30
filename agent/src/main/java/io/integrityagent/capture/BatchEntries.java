package io.integrityagent.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries added to a statement's batch so far: the parameters of each {@code addBatch()}, or the SQL of
 * each {@code addBatch(String)}. Only the first {@link #MAX_KEPT} are kept; the rest are counted.
 */
public final class BatchEntries {

    public static final int MAX_KEPT = 1000;

    private final List<Object> kept = new ArrayList<>();
    private int count;

    void add(Object entry) {
        if (kept.size() < MAX_KEPT) {
            kept.add(entry);
        }
        count++;
    }

    /** How many entries the application added, kept or not. */
    public int count() {
        return count;
    }

    /**
     * The parameters of entry {@code index} (0-based): none for a plain statement's SQL, as for any statement
     * without bind parameters; null when the entry was not kept.
     */
    public ParameterValues parameters(int index) {
        Object entry = entry(index);
        return entry instanceof String ? ParameterValues.NONE : (ParameterValues) entry;
    }

    /** The SQL of entry {@code index} (0-based) of a plain statement's batch, or null. */
    public String sql(int index) {
        Object entry = entry(index);
        return entry instanceof String ? (String) entry : null;
    }

    private Object entry(int index) {
        return index >= 0 && index < kept.size() ? kept.get(index) : null;
    }
}
