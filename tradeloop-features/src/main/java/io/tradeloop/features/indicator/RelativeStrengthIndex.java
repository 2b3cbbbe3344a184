package io.tradeloop.features.indicator;

/**
 * Wilder's RSI on the close: 100 - 100 / (1 + avgGain / avgLoss), both averages Wilder-smoothed
 * ({@link ExponentialAverage#wilder}); 100 when there are gains but no losses, 0 when neither
 * (as ta4j). Gain and loss of the first bar are 0. Defined from bar {@code period} on.
 */
public final class RelativeStrengthIndex extends SingleOutput {
    private final ExponentialAverage avgGain;
    private final ExponentialAverage avgLoss;
    private double prevClose = Double.NaN;

    public RelativeStrengthIndex(int period) {
        super(period);
        avgGain = ExponentialAverage.wilder(period);
        avgLoss = ExponentialAverage.wilder(period);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        double change = bars == 0 ? 0 : close - prevClose;
        prevClose = close;
        bars++;
        double g = avgGain.update(change > 0 ? change : 0);
        double l = avgLoss.update(change < 0 ? -change : 0);
        if (Double.isNaN(g) || Double.isNaN(l)) {
            value = Double.NaN;
        } else if (l == 0) {
            value = g == 0 ? 0 : 100;
        } else {
            value = 100 - 100 / (1 + g / l);
        }
    }

    @Override
    public void reset() {
        super.reset();
        avgGain.reset();
        avgLoss.reset();
        prevClose = Double.NaN;
    }
}
