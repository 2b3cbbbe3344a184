package io.tradeloop.engine.strategy;

/**
 * The funding settlements of one perpetual that a strategy may see: only those settled at or before
 * now. Index 0 is the oldest; reading a settlement that has not happened yet throws
 * {@link IndexOutOfBoundsException}.
 */
public interface FundingView {
    /** How many settlements have happened so far. */
    int size();

    /** The venue's funding interval in hours. */
    double intervalHours();

    long timeMs(int i);

    /** The rate settled at settlement {@code i}, per funding interval. */
    double rate(int i);

    /** The rate of settlement {@code i} normalised to 8 hours, so venues compare. */
    default double rate8h(int i) {
        return rate(i) * 8.0 / intervalHours();
    }

    /** The newest settled rate per 8 h, NaN before the first settlement. */
    default double lastRate8h() {
        int n = size();
        return n == 0 ? Double.NaN : rate8h(n - 1);
    }
}
