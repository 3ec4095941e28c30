package io.integrityagent.util;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * A small, bounded, thread-safe memory of recent answers: a violation storm repeats the same SQL and the same
 * tables, and their analysis should not be paid for again each time. It is bounded in entries and in (estimated)
 * bytes of keys and values together, and an answer heavier than an eighth of the byte bound is computed but not
 * kept, so that a flood of huge distinct SQL texts costs the application's heap nothing.
 */
public final class LruCache<K, V> {

    private final int maxEntries;
    private final long maxBytes;
    private final Weigher<K, V> weigher;
    private final LinkedHashMap<K, Weighed<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public LruCache(int maxEntries, long maxBytes, Weigher<K, V> weigher) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** The remembered answer for {@code key}, computed (outside the lock) when there is none. */
    public <X extends Exception> V get(K key, Computation<K, V, X> compute) throws X {
        synchronized (this) {
            Weighed<V> known = entries.get(key);
            if (known != null) {
                return known.value;
            }
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
        bytes += entry.bytes - (replaced == null ? 0 : replaced.bytes);
        Iterator<Weighed<V>> eldestFirst = entries.values().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldestFirst.hasNext()) {
            bytes -= eldestFirst.next().bytes;
            eldestFirst.remove();
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

        Weighed(V value, long bytes) {
            this.value = value;
            this.bytes = bytes;
        }
    }
}
