package io.tradeloop.learn.label;

import io.tradeloop.core.config.Checks;

/**
 * σ of the last {@code window} one-bar log returns, updated one close at a time: the volatility
 * target of the triple-barrier labels, computed the same way in training ({@link
 * TripleBarrierLabeler#rollingLogReturnStd}) and in the serving path (stops sized from it). Sample
 * standard deviation (n − 1); NaN until {@code window} returns have been seen. No allocation per update.
 */
public final class RollingLogReturnStd {
    private final int window;
    private final double[] ring;
    private int next;
    private long count;
    private double prevClose = Double.NaN;
    private double sum;
    private double sumSq;

    public RollingLogReturnStd(int window) {
        this.window = Checks.inRange("vol_window", window, 2, 10_000_000);
        this.ring = new double[window];
    }

    /** Folds in the next close and returns σ (NaN while fewer than {@code window} returns are known). */
    public double update(double close) {
        if (!Double.isNaN(prevClose)) {
            double r = Math.log(close / prevClose);
            if (count >= window) {
                double old = ring[next];
                sum -= old;
                sumSq -= old * old;
            }
            ring[next] = r;
            next = (next + 1) % window;
            sum += r;
            sumSq += r * r;
            count++;
        }
        prevClose = close;
        return value();
    }

    public double value() {
        if (count < window) return Double.NaN;
        double mean = sum / window;
        double var = Math.max(0, (sumSq - window * mean * mean) / (window - 1));
        return Math.sqrt(var);
    }
}
