package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * Bollinger bands on the close: middle = SMA(n), upper/lower = middle +/- k * sd(n) (population sd, as
 * ta4j). Outputs: width = (upper - lower) / middle * 100 (ta4j's {@code BollingerBandWidthIndicator})
 * and %B = (close - lower) / (upper - lower) ({@code PercentBIndicator}); %B is NaN (a bad value) when
 * the window is flat. Defined from bar {@code n - 1} on.
 */
public final class BollingerBands extends MultiOutput {
    public static final int WIDTH = 0;
    public static final int PERCENT_B = 1;

    private final RollingWindow closes;
    private final double k;

    public BollingerBands(int period, double k) {
        super(new String[] {"width", "pctb"}, new int[] {period - 1, period - 1});
        Checks.inRange("period", period, 2, 100_000);
        this.k = Checks.inRange("k", k, 0.1, 10.0);
        this.closes = new RollingWindow(period);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        closes.add(close);
        bars++;
        if (!closes.full()) {
            return;
        }
        double middle = closes.mean();
        double deviation = Math.sqrt(closes.variance()) * k;
        double upper = middle + deviation;
        double lower = middle - deviation;
        double range = upper - lower;
        values[WIDTH] = middle == 0 ? Double.NaN : range / middle * 100;
        values[PERCENT_B] = range == 0 ? Double.NaN : (close - lower) / range;
    }

    @Override
    public void reset() {
        super.reset();
        closes.reset();
    }
}
