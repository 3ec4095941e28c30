package io.integrityagent.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LruCacheTest {

    private final AtomicInteger computed = new AtomicInteger();

    private String lengthOf(String key) {
        computed.incrementAndGet();
        return String.valueOf(key.length());
    }

    @Test
    void aRememberedAnswerIsNotComputedAgain() {
        LruCache<String, String> cache = new LruCache<>(4, 1 << 20, (k, v) -> LruCache.bytesOf(k));
        cache.get("select 1", this::lengthOf);
        assertEquals("8", cache.get("select 1", this::lengthOf));
        assertEquals(1, computed.get());
    }

    @Test
    void theLeastRecentlyUsedEntriesGoBeyondTheEntryBound() {
        LruCache<String, String> cache = new LruCache<>(2, 1 << 20, (k, v) -> LruCache.bytesOf(k));
        cache.get("a", this::lengthOf);
        cache.get("b", this::lengthOf);
        cache.get("a", this::lengthOf);
        cache.get("c", this::lengthOf);
        assertEquals(2, cache.size());
        cache.get("a", this::lengthOf);
        assertEquals(3, computed.get(), "a was used last, so b went");
    }

    @Test
    void entriesGoBeyondTheByteBoundCountingKeysAndValues() {
        LruCache<String, String> cache = new LruCache<>(1000, 8_000, (k, v) -> LruCache.bytesOf(k) + LruCache.bytesOf(v));
        for (int i = 0; i < 100; i++) {
            cache.get(i + "x".repeat(400), this::lengthOf);
        }
        assertTrue(cache.bytes() <= 8_000, cache.bytes() + " bytes");
        assertTrue(cache.size() < 10, cache.size() + " entries");
    }

    @Test
    void anAnswerHeavierThanAnEighthOfTheByteBoundIsComputedButNotKept() {
        LruCache<String, String> cache = new LruCache<>(1000, 8_000, (k, v) -> LruCache.bytesOf(k));
        String huge = "x".repeat(1_000_000);
        assertEquals("1000000", cache.get(huge, this::lengthOf));
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }
}
