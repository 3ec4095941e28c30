package io.integrityagent.output;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one tag key may take, bounded so that a metric's series count stays bounded whatever the
 * application does. The first {@code limit} distinct identifier-like values are kept as they are; later ones,
 * and anything that is not identifier-like (so could carry a bind value or SQL literal), become {@link #OTHER}.
 * A missing value becomes {@link #UNKNOWN}. Neither of these two counts against the limit. Thread-safe.
 */
final class TagValues {

    static final String OTHER = "_OTHER";
    static final String UNKNOWN = "unknown";

    private static final int MAX_LENGTH = 128;

    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    TagValues(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** The value to use as the tag value for {@code value}. */
    String admit(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        if (admitted.contains(value)) {
            return value;
        }
        if (!isIdentifierLike(value) || admitted.size() >= limit) {
            return OTHER; // once full, a storm of new values takes no lock
        }
        synchronized (this) {
            // Checked again under the lock: another thread may have admitted it, or filled the last place.
            if (admitted.contains(value) || admitted.size() < limit) {
                admitted.add(value);
                return value;
            }
        }
        return OTHER;
    }

    private static boolean isIdentifierLike(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '$' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
