package io.integrityagent.sql;

/** A stretch of the SQL text, by character offsets: from {@code start} inclusive to {@code end} exclusive. */
public final class TextSpan {

    private final int start;
    private final int end;

    TextSpan(int start, int end) {
        this.start = start;
        this.end = end;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }
}
