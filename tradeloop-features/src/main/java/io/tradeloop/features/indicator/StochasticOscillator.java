package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * Lane's stochastic oscillator: %K = 100 * (close - lowest low) / (highest high - lowest low) over the
 * last {@code period} bars, %D = SMA({@code smoothing}) of %K (ta4j's {@code StochasticOscillatorK/D}).
 * %K is NaN (a bad value) when the window's range is 0, and %D when any %K in its window is.
 * %K is defined from bar {@code period - 1}, %D from bar {@code period + smoothing - 2} on.
 */
public final class StochasticOscillator extends MultiOutput {
    public static final int K = 0;
    public static final int D = 1;

    private final RollingWindow highs;
    private final RollingWindow lows;
    private final RollingWindow ks;

    public StochasticOscillator(int period, int smoothing) {
        super(new String[] {"k", "d"}, new int[] {period - 1, period + smoothing - 2});
        Checks.inRange("period", period, 1, 100_000);
        Checks.inRange("smoothing", smoothing, 1, 1_000);
        highs = new RollingWindow(period);
        lows = new RollingWindow(period);
        ks = new RollingWindow(smoothing);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        highs.add(high);
        lows.add(low);
        bars++;
        if (!highs.full()) {
            return;
        }
        double lowest = lows.min();
        double range = highs.max() - lowest;
        double k = range == 0 ? Double.NaN : (close - lowest) / range * 100;
        values[K] = k;
        ks.add(k);
        values[D] = ks.full() ? ks.mean() : Double.NaN;
    }

    @Override
    public void reset() {
        super.reset();
        highs.reset();
        lows.reset();
        ks.reset();
    }
}
