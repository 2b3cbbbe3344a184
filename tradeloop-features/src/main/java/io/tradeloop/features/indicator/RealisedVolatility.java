package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * Realised volatility per bar: the root mean square of the last {@code period} one-bar log returns,
 * sqrt(mean(ln(close[k] / close[k-1])^2)), not annualised (multiply by sqrt(bars per year) for that;
 * a constant factor that robust scaling removes). Defined from bar {@code period} on.
 */
public final class RealisedVolatility extends SingleOutput {
    private final RollingWindow squaredReturns;
    private double prevClose = Double.NaN;

    public RealisedVolatility(int period) {
        super(Checks.inRange("period", period, 1, 100_000));
        squaredReturns = new RollingWindow(period);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        if (bars > 0) {
            double r = Math.log(close / prevClose);
            squaredReturns.add(r * r);
        }
        prevClose = close;
        bars++;
        value = squaredReturns.full() ? Math.sqrt(squaredReturns.mean()) : Double.NaN;
    }

    @Override
    public void reset() {
        super.reset();
        squaredReturns.reset();
        prevClose = Double.NaN;
    }
}
