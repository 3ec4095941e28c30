package io.integrityagent.capture;

import java.util.Arrays;

/**
 * The values bound to a prepared statement, by 1-based index, as the driver received them. Primitives are kept
 * unboxed and objects as plain references, so binding costs an array store; nothing is rendered until a
 * violation needs it.
 */
public final class BoundParameters {

    /** Parameters past this index are not kept, which bounds the memory of a statement. */
    public static final int MAX_INDEX = 1000;

    static final byte UNSET = 0;
    static final byte NULL = 1;
    static final byte OBJECT = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte BOOLEAN = 7;

    private byte[] kinds = new byte[8];
    private long[] primitives = new long[8];
    private Object[] objects = new Object[8];
    private int highestIndex;

    public void setObject(int index, Object value) {
        if (value == null) {
            setNull(index);
        } else if (fits(index)) {
            kinds[index] = OBJECT;
            objects[index] = value;
        }
    }

    public void setNull(int index) {
        if (fits(index)) {
            kinds[index] = NULL;
            objects[index] = null;
        }
    }

    public void setInt(int index, int value) {
        setPrimitive(index, INT, value);
    }

    public void setLong(int index, long value) {
        setPrimitive(index, LONG, value);
    }

    public void setDouble(int index, double value) {
        setPrimitive(index, DOUBLE, Double.doubleToRawLongBits(value));
    }

    public void setFloat(int index, float value) {
        setPrimitive(index, FLOAT, Float.floatToRawIntBits(value));
    }

    public void setBoolean(int index, boolean value) {
        setPrimitive(index, BOOLEAN, value ? 1 : 0);
    }

    /** A value that is not kept (a stream, a LOB): only what it was is remembered. */
    public void setPlaceholder(int index, String description) {
        setObject(index, new Placeholder(description));
    }

    public void clear() {
        Arrays.fill(kinds, 0, highestIndex + 1, UNSET);
        Arrays.fill(objects, 0, highestIndex + 1, null);
        highestIndex = 0;
    }

    /** The highest index bound since the last clear, 0 if none. */
    int highestIndex() {
        return highestIndex;
    }

    /** Copies the values of indexes 1 to {@link #highestIndex()} into the columns given, from {@code start} on. */
    void copyTo(byte[] toKinds, long[] toPrimitives, Object[] toObjects, int start) {
        System.arraycopy(kinds, 1, toKinds, start, highestIndex);
        System.arraycopy(primitives, 1, toPrimitives, start, highestIndex);
        System.arraycopy(objects, 1, toObjects, start, highestIndex);
    }

    /** An immutable copy of the values bound now. */
    public ParameterValues snapshot() {
        int length = highestIndex + 1;
        return new ParameterValues(Arrays.copyOf(kinds, length), Arrays.copyOf(primitives, length),
                Arrays.copyOf(objects, length));
    }

    private void setPrimitive(int index, byte kind, long bits) {
        if (fits(index)) {
            kinds[index] = kind;
            primitives[index] = bits;
            objects[index] = null;
        }
    }

    private boolean fits(int index) {
        if (index < 1 || index > MAX_INDEX) {
            return false;
        }
        if (index >= kinds.length) {
            int capacity = Math.min(MAX_INDEX + 1, Math.max(index + 1, kinds.length * 2));
            kinds = Arrays.copyOf(kinds, capacity);
            primitives = Arrays.copyOf(primitives, capacity);
            objects = Arrays.copyOf(objects, capacity);
        }
        if (index > highestIndex) {
            highestIndex = index;
        }
        return true;
    }

    /** Stands in for a value the agent chose not to keep, such as a stream. */
    public static final class Placeholder {
        private final String description;

        Placeholder(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
