package io.integrityagent.capture;

/** An immutable copy of the parameters bound for one execution or one batch entry, by 1-based index. */
public final class ParameterValues {

    public static final ParameterValues NONE = new ParameterValues(new byte[1], new long[1], new Object[1]);

    /** What {@link #value(int)} returns for an index the application never bound. */
    public static final Object UNSET = new Object() {
        @Override
        public String toString() {
            return "<unset>";
        }
    };

    private final byte[] kinds;
    private final long[] primitives;
    private final Object[] objects;

    ParameterValues(byte[] kinds, long[] primitives, Object[] objects) {
        this.kinds = kinds;
        this.primitives = primitives;
        this.objects = objects;
    }

    /** The highest index that was bound, 0 if none. */
    public int highestIndex() {
        for (int i = kinds.length - 1; i > 0; i--) {
            if (kinds[i] != BoundParameters.UNSET) {
                return i;
            }
        }
        return 0;
    }

    public boolean isSet(int index) {
        return index > 0 && index < kinds.length && kinds[index] != BoundParameters.UNSET;
    }

    /** The bound value, boxed; {@code null} for SQL NULL and {@link #UNSET} for an index never bound. */
    public Object value(int index) {
        if (!isSet(index)) {
            return UNSET;
        }
        long bits = primitives[index];
        switch (kinds[index]) {
            case BoundParameters.NULL:
                return null;
            case BoundParameters.INT:
                return (int) bits;
            case BoundParameters.LONG:
                return bits;
            case BoundParameters.DOUBLE:
                return Double.longBitsToDouble(bits);
            case BoundParameters.FLOAT:
                return Float.intBitsToFloat((int) bits);
            case BoundParameters.BOOLEAN:
                return bits != 0;
            default:
                return objects[index];
        }
    }
}
