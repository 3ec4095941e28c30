package io.integrityagent.capture;

import java.util.Arrays;

/**
 * The entries added to a statement's batch so far: the parameters of each {@code addBatch()}, or the SQL of
 * each {@code addBatch(String)}. Only the first {@link #MAX_KEPT} are kept; the rest are counted.
 *
 * <p>The entries lie one after the other in one set of columns (kind, primitive bits, object) rather than in a
 * copy each, and a statement reuses its columns for its next batch once one executed without failing: adding an
 * entry is then a few array stores, with nothing allocated once the columns have grown to the batch's size.
 */
public final class BatchEntries {

    public static final int MAX_KEPT = 1000;

    /** Columns larger than this are not kept for the next batch, which bounds what an idle statement holds. */
    static final int MAX_REUSED_SLOTS = 4096;

    private static final byte SQL = -1;
    private static final int INITIAL_ENTRIES = 8;

    /** Entry i's values are slots {@code starts[i]} to {@code starts[i + 1]} (its parameters 1, 2, …). */
    private int[] starts = new int[INITIAL_ENTRIES + 1];
    private byte[] kinds = new byte[0];
    private long[] primitives = new long[0];
    private Object[] objects = new Object[0];
    private int kept;
    private int count;

    /**
     * Copies the values bound now in as the entry being added, which becomes part of the batch only once
     * {@link #addHeld} is called; holding another one replaces it.
     */
    void hold(BoundParameters bound) {
        int start = starts[kept];
        if (kept == MAX_KEPT || bound == null) {
            starts[kept + 1] = start;
            return;
        }
        int length = bound.highestIndex();
        ensureSlots(start + length);
        bound.copyTo(kinds, primitives, objects, start);
        starts[kept + 1] = start + length;
    }

    /** The entry held last, or an entry without parameters if none was held since, joins the batch. */
    void addHeld() {
        if (kept < MAX_KEPT) {
            kept++;
            ensureEntries();
            starts[kept + 1] = starts[kept];
        }
        count++;
    }

    void add(String sql) {
        if (kept < MAX_KEPT) {
            int start = starts[kept];
            ensureSlots(start + 1);
            kinds[start] = SQL;
            objects[start] = sql;
            starts[kept + 1] = start + 1;
        }
        addHeld();
    }

    /** Forgets every entry, keeping the columns for the next batch; false if they are too large to keep. */
    boolean clear() {
        Arrays.fill(objects, 0, starts[kept + 1], null); // pins none of the application's values
        kept = 0;
        count = 0;
        starts[1] = 0;
        return objects.length <= MAX_REUSED_SLOTS;
    }

    boolean isEmpty() {
        return count == 0;
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
        if (index < 0 || index >= kept) {
            return null;
        }
        int start = starts[index];
        int length = starts[index + 1] - start;
        if (length == 0 || kinds[start] == SQL) {
            return ParameterValues.NONE;
        }
        byte[] entryKinds = new byte[length + 1];
        long[] entryPrimitives = new long[length + 1];
        Object[] entryObjects = new Object[length + 1];
        System.arraycopy(kinds, start, entryKinds, 1, length);
        System.arraycopy(primitives, start, entryPrimitives, 1, length);
        System.arraycopy(objects, start, entryObjects, 1, length);
        return new ParameterValues(entryKinds, entryPrimitives, entryObjects);
    }

    /** The SQL of entry {@code index} (0-based) of a plain statement's batch, or null. */
    public String sql(int index) {
        if (index < 0 || index >= kept) {
            return null;
        }
        int start = starts[index];
        return starts[index + 1] > start && kinds[start] == SQL ? (String) objects[start] : null;
    }

    private void ensureEntries() {
        if (kept + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, Math.min(MAX_KEPT + 1, starts.length * 2) + 1);
        }
    }

    private void ensureSlots(int needed) {
        if (needed > kinds.length) {
            int capacity = Math.max(needed, Math.max(16, kinds.length * 2));
            kinds = Arrays.copyOf(kinds, capacity);
            primitives = Arrays.copyOf(primitives, capacity);
            objects = Arrays.copyOf(objects, capacity);
        }
    }
}
