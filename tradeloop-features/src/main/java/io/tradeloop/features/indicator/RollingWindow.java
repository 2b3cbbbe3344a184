package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * The last {@code n} values of a stream in a ring buffer with O(1) window mean, sum and population
 * variance, and O(n) min/max. The moments are running sums of deviations from a shift K (the newest
 * value at the last re-sync), re-computed exactly from the buffer every {@code n} additions, so rounding
 * never accumulates over more than one window and the shift keeps the variance free of cancellation.
 * A non-finite value makes the moments NaN for exactly as long as it stays in the window. Statistics
 * are only meaningful once {@link #full()}.
 */
public final class RollingWindow {
    private final double[] buffer;
    private int next;
    private long count;
    private double shift;
    private double s1;
    private double s2;
    private int nonFinite;
    private int sinceSync;

    public RollingWindow(int length) {
        Checks.inRange("length", length, 1, 1_000_000);
        buffer = new double[length];
    }

    public void add(double x) {
        if (count >= buffer.length) {
            double old = buffer[next];
            if (old - old == 0) {
                double d = old - shift;
                s1 -= d;
                s2 -= d * d;
            } else {
                nonFinite--;
            }
        }
        buffer[next] = x;
        next = next + 1 == buffer.length ? 0 : next + 1;
        if (x - x == 0) {
            if (count == 0) shift = x;
            double d = x - shift;
            s1 += d;
            s2 += d * d;
        } else {
            nonFinite++;
        }
        count++;
        if (++sinceSync >= buffer.length) resync();
    }

    /** Exact moments from the buffer around the newest finite value. */
    private void resync() {
        sinceSync = 0;
        double newest = get(0);
        if (newest - newest == 0) shift = newest;
        double a = 0;
        double b = 0;
        int filled = (int) Math.min(count, buffer.length);
        for (int lag = 0; lag < filled; lag++) {
            double x = get(lag);
            if (x - x == 0) {
                double d = x - shift;
                a += d;
                b += d * d;
            }
        }
        s1 = a;
        s2 = b;
    }

    public int length() {
        return buffer.length;
    }

    public boolean full() {
        return count >= buffer.length;
    }

    /** Values added so far (not capped at the length). */
    public long count() {
        return count;
    }

    /** The value added {@code lag} additions ago (0 = the newest); lag must be below the length. */
    public double get(int lag) {
        int i = next - 1 - lag;
        return buffer[i < 0 ? i + buffer.length : i];
    }

    /** Sum of the window (NaN while it holds a non-finite value). */
    public double sum() {
        return nonFinite > 0 ? Double.NaN : buffer.length * shift + s1;
    }

    public double mean() {
        return nonFinite > 0 ? Double.NaN : shift + s1 / buffer.length;
    }

    /**
     * Population variance (divides by n, as ta4j's {@code VarianceIndicator}). When the running estimate
     * is tiny next to the squared deviations from the shift (a nearly or exactly flat window, where
     * rounding could pass for spread) it is recomputed in two passes, so a flat window gives exactly 0.
     */
    public double variance() {
        if (nonFinite > 0) return Double.NaN;
        double m = s1 / buffer.length;
        double meanSquare = s2 / buffer.length;
        double v = meanSquare - m * m;
        if (v > 1e-9 * meanSquare) {
            return v;
        }
        double mean = 0;
        for (double x : buffer) mean += x;
        mean /= buffer.length;
        double s = 0;
        for (double x : buffer) s += (x - mean) * (x - mean);
        return s / buffer.length;
    }

    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : buffer) m = Math.max(m, x);
        return m;
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double x : buffer) m = Math.min(m, x);
        return m;
    }

    public void reset() {
        java.util.Arrays.fill(buffer, 0);
        next = 0;
        count = 0;
        shift = 0;
        s1 = 0;
        s2 = 0;
        nonFinite = 0;
        sinceSync = 0;
    }
}
