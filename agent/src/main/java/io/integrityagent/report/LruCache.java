package io.integrityagent.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small, bounded, thread-safe memory of recent answers: a violation storm repeats the same SQL and the same
 * tables, and their analysis should not be paid for again each time.
 */
public final class LruCache<K, V> {

    private final Map<K, V> entries;

    public LruCache(int capacity) {
        this.entries = Collections.synchronizedMap(new LinkedHashMap<K, V>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The remembered answer for {@code key}, computed (outside the lock) when there is none. */
    public <X extends Exception> V get(K key, Computation<K, V, X> compute) throws X {
        V known = entries.get(key);
        if (known == null) {
            known = compute.apply(key);
            entries.put(key, known);
        }
        return known;
    }

    /** A computation that may throw a checked exception. */
    public interface Computation<K, V, X extends Exception> {
        V apply(K key) throws X;
    }
}
