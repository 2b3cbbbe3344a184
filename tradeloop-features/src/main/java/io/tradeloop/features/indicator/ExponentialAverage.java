package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * An exponential average of a value stream: EMA (alpha = 2 / (n + 1)) or Wilder's modified moving
 * average (alpha = 1 / n, used by RSI, ATR and ADX).
 *
 * <p>Seeding follows ta4j 0.22 ({@code AbstractEMAIndicator}) so the two agree bar for bar: the first
 * {@code n} inputs (indices 0..n-1) only warm up and give NaN; the first defined input at an index
 * {@code >= n} seeds the average with itself; afterwards {@code avg += (x - avg) * alpha}. A NaN input
 * gives NaN and the next defined input seeds again. Wilder (1978) and TA-Lib seed with the mean of the
 * first n inputs instead; the difference decays as (1 - alpha)^k and is gone after the warm-up the
 * feature sets add.
 */
public final class ExponentialAverage {
    private final int period;
    private final double alpha;
    private int count;
    private double value = Double.NaN;

    private ExponentialAverage(int period, double alpha) {
        this.period = period;
        this.alpha = alpha;
    }

    /** EMA with alpha = 2 / (period + 1). */
    public static ExponentialAverage ema(int period) {
        Checks.inRange("period", period, 1, 100_000);
        return new ExponentialAverage(period, 2.0 / (period + 1));
    }

    /** Wilder's smoothing (ta4j's MMA) with alpha = 1 / period. */
    public static ExponentialAverage wilder(int period) {
        Checks.inRange("period", period, 1, 100_000);
        return new ExponentialAverage(period, 1.0 / period);
    }

    /** Folds in {@code x} and returns the average (NaN while warming up or when x is NaN). */
    public double update(double x) {
        int index = count++;
        if (index < period || Double.isNaN(x)) {
            value = Double.NaN;
        } else if (Double.isNaN(value)) {
            value = x;
        } else {
            value = (x - value) * alpha + value; // ta4j's operation order, so the bits match
        }
        return value;
    }

    public double value() {
        return value;
    }

    public int period() {
        return period;
    }

    public void reset() {
        count = 0;
        value = Double.NaN;
    }
}
