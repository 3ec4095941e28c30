package io.integrityagent.sql;

/** A run of tokens, from {@code from} inclusive to {@code to} exclusive. */
final class Span {

    final int from;
    final int to;

    Span(int from, int to) {
        this.from = from;
        this.to = to;
    }
}
