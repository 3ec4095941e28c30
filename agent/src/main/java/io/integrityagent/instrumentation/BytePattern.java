package io.integrityagent.instrumentation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A run of bytes looked for in every class file that loads, by Horspool's search: it steps past bytes the pattern
 * does not hold by up to the pattern's length, where a plain scan compares every byte of the file.
 */
final class BytePattern {

    private final byte[] bytes;
    /** How far the search may step when a window ends with a byte, by the byte's value. */
    private final int[] step = new int[256];

    BytePattern(String ascii) {
        bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(step, bytes.length);
        for (int i = 0; i < bytes.length - 1; i++) {
            step[bytes[i] & 0xff] = bytes.length - 1 - i;
        }
    }

    boolean isIn(byte[] data) {
        int last = bytes.length - 1;
        for (int end = last; end < data.length; end += step[data[end] & 0xff]) {
            int i = last;
            while (data[end - last + i] == bytes[i]) {
                if (i-- == 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
