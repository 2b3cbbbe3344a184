package io.tradeloop.risk;

import io.tradeloop.core.config.Checks;

/**
 * The most recent one-bar simple returns of one instrument in a fixed ring (no allocation per bar).
 * Histories of several instruments that are pushed on the same bar clock stay aligned from the newest
 * end, which is what portfolio VaR needs.
 */
public final class ReturnHistory {
    private final double[] ring;
    private int next;
    private int size;

    public ReturnHistory(int capacity) {
        Checks.inRange("return_history_capacity", capacity, 2, 10_000_000);
        ring = new double[capacity];
    }

    /** Appends a return (NaN and infinities are refused: a bad bar must be sanitised upstream). */
    public void push(double simpleReturn) {
        if (!Double.isFinite(simpleReturn)) {
            throw new IllegalArgumentException("return must be finite, got " + simpleReturn);
        }
        ring[next] = simpleReturn;
        next = (next + 1) % ring.length;
        if (size < ring.length) size++;
    }

    /** Appends the return from {@code previousClose} to {@code close}. */
    public void pushPrices(double previousClose, double close) {
        push(close / previousClose - 1);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** The k-th newest return (0 = newest). */
    public double newest(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("return " + k + " of " + size);
        }
        return ring[Math.floorMod(next - 1 - k, ring.length)];
    }
}
