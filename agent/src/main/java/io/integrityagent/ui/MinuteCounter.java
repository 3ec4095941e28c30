package io.integrityagent.ui;

import java.util.Arrays;

/**
 * How many violations of one group happened in the last minute: one counter per second of a minute, reused as the
 * seconds come round, so it is 60 slots however high the rate. Not thread-safe: the store's lock guards it.
 */
final class MinuteCounter {

    private static final int SECONDS = 60;
    private static final long UNUSED = Long.MIN_VALUE;

    private final long[] second = new long[SECONDS];
    private final int[] count = new int[SECONDS];

    MinuteCounter() {
        Arrays.fill(second, UNUSED);
    }

    /** Counts one violation at {@code epochSecond}. */
    void count(long epochSecond) {
        int slot = Math.floorMod(epochSecond, SECONDS);
        if (second[slot] != epochSecond) {
            second[slot] = epochSecond;
            count[slot] = 0;
        }
        if (count[slot] < Integer.MAX_VALUE) {
            count[slot]++;
        }
    }

    /** The violations counted in the 60 seconds up to and including {@code nowEpochSecond}. */
    long lastMinute(long nowEpochSecond) {
        long total = 0;
        for (int slot = 0; slot < SECONDS; slot++) {
            if (second[slot] != UNUSED && second[slot] <= nowEpochSecond && nowEpochSecond - second[slot] < SECONDS) {
                total += count[slot];
            }
        }
        return total;
    }
}
