package io.integrityagent.util;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small, bounded, thread-safe memory of recent answers: a violation storm repeats the same SQL and the same
 * tables, and their analysis should not be paid for again each time. It is bounded in entries and in (estimated)
 * bytes of keys and values together, and an answer heavier than an eighth of the byte bound is computed but not
 * kept, so that a flood of huge distinct SQL texts costs the application's heap nothing.
 *
 * <p>Reading takes no lock, so that the threads of a storm never queue on it: a read only marks its entry as used.
 * Remembering a new answer takes a short lock, and makes room the way of the clock algorithm, an approximation of
 * least-recently-used: entries go in the order they came, but one used since it was last looked at is kept once
 * more.
 */
public final class LruCache<K, V> {

    private final int maxEntries;
    private final long maxBytes;
    private final Weigher<K, V> weigher;
    private final Map<K, Weighed<V>> entries = new ConcurrentHashMap<>();
    /** Every key of {@link #entries}, once each, in the order the clock's hand passes them. Guarded by this. */
    private final ArrayDeque<K> hand = new ArrayDeque<>();
    /** Guarded by this. */
    private long bytes;

    public LruCache(int maxEntries, long maxBytes, Weigher<K, V> weigher) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** The remembered answer for {@code key}, computed (outside any lock) when there is none. */
    public <X extends Exception> V get(K key, Computation<K, V, X> compute) throws X {
        Weighed<V> known = entries.get(key);
        if (known != null) {
            if (!known.used) {
                known.used = true; // written only when it changes, so that readers of one entry share its line
            }
            return known.value;
        }
        V computed = compute.apply(key);
        long weight = weigher.bytes(key, computed);
        if (weight <= maxBytes / 8) {
            remember(key, new Weighed<>(computed, weight));
        }
        return computed;
    }

    private synchronized void remember(K key, Weighed<V> entry) {
        Weighed<V> replaced = entries.put(key, entry);
        if (replaced == null) {
            hand.addLast(key);
        }
        bytes += entry.bytes - (replaced == null ? 0 : replaced.bytes);
        // Each entry is passed over at most once before its turn comes again; readers may mark it meanwhile, so
        // after two rounds the oldest goes whatever its mark.
        int passes = 2 * hand.size();
        while ((entries.size() > maxEntries || bytes > maxBytes) && !hand.isEmpty()) {
            K oldest = hand.pollFirst();
            Weighed<V> candidate = entries.get(oldest);
            if (candidate.used && passes-- > 0) {
                candidate.used = false;
                hand.addLast(oldest);
            } else {
                entries.remove(oldest);
                bytes -= candidate.bytes;
            }
        }
    }

    /** The entries kept now. */
    synchronized int size() {
        return entries.size();
    }

    /** The estimated bytes of the entries kept now. */
    synchronized long bytes() {
        return bytes;
    }

    /** A generous estimate of the heap a String holds: header, array header and two bytes a character. */
    public static long bytesOf(String text) {
        return text == null ? 0 : 56 + 2L * text.length();
    }

    /** A computation that may throw a checked exception. */
    public interface Computation<K, V, X extends Exception> {
        V apply(K key) throws X;
    }

    /** Estimates the heap one entry holds, key and value together. */
    public interface Weigher<K, V> {
        long bytes(K key, V value);
    }

    private static final class Weighed<V> {
        final V value;
        final long bytes;
        /** Whether it was read since the clock's hand last passed it; a lost update only ages it sooner. */
        volatile boolean used;

        Weighed(V value, long bytes) {
            this.value = value;
            this.bytes = bytes;
        }
    }
}
