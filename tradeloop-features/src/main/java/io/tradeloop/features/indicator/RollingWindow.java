package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * The last {@code n} values of a stream in a ring buffer, with exact window statistics (mean,
 * population variance, min, max) computed over the buffer, so no running sum drifts over a long stream.
 * Statistics are only meaningful once {@link #full()}.
 */
public final class RollingWindow {
    private final double[] buffer;
    private int next;
    private long count;

    public RollingWindow(int length) {
        Checks.inRange("length", length, 1, 1_000_000);
        buffer = new double[length];
    }

    public void add(double x) {
        buffer[next] = x;
        next = next + 1 == buffer.length ? 0 : next + 1;
        count++;
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

    public double sum() {
        double s = 0;
        for (double x : buffer) s += x;
        return s;
    }

    public double mean() {
        return sum() / buffer.length;
    }

    /** Population variance (divides by n, as ta4j's {@code VarianceIndicator}); two passes for accuracy. */
    public double variance() {
        double m = mean();
        double s = 0;
        for (double x : buffer) {
            double d = x - m;
            s += d * d;
        }
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
    }
}
