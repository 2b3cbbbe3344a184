package io.tradeloop.engine.strategy;

/**
 * The bars of one feed that a strategy may see: only those whose close time is at or before now.
 * Index 0 is the oldest bar; {@link #last()} the newest closed one. Reading an index at or beyond
 * {@link #size()} (a bar that has not closed yet) throws {@link IndexOutOfBoundsException}, so no
 * strategy can look ahead through this API.
 */
public interface BarView {
    /** How many bars have closed so far. */
    int size();

    /** Index of the newest closed bar, −1 before the first close. */
    default int last() {
        return size() - 1;
    }

    long openTimeMs(int i);

    long closeTimeMs(int i);

    double open(int i);

    double high(int i);

    double low(int i);

    double close(int i);

    double volume(int i);

    /** Close of the newest closed bar (NaN before the first close). */
    default double lastClose() {
        int n = size();
        return n == 0 ? Double.NaN : close(n - 1);
    }
}
