package io.integrityagent.capture;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A concurrent map keyed by object identity that does not keep its keys alive. Statement classes override
 * neither equals nor hashCode reliably (proxies forward them), so identity is the only safe key.
 */
final class WeakIdentityTable<V> {

    private final ConcurrentHashMap<IdentityKey, V> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    V get(Object key) {
        expungeCollected();
        return entries.get(new IdentityKey(key, null));
    }

    V computeIfAbsent(Object key, Supplier<V> creator) {
        expungeCollected();
        V value = entries.get(new IdentityKey(key, null));
        if (value != null) {
            return value;
        }
        return entries.computeIfAbsent(new IdentityKey(key, collected), k -> creator.get());
    }

    void remove(Object key) {
        entries.remove(new IdentityKey(key, null));
    }

    int size() {
        expungeCollected();
        return entries.size();
    }

    private void expungeCollected() {
        Object stale;
        while ((stale = collected.poll()) != null) {
            entries.remove(stale);
        }
    }

    private static final class IdentityKey extends WeakReference<Object> {
        private final int hash;

        IdentityKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((IdentityKey) other).get();
        }
    }
}
