package io.tradeloop.features.indicator;

/**
 * Wilder's average true range: the Wilder average of TR = max(high - low, |high - prevClose|,
 * |low - prevClose|) (TR of the first bar is high - low). With {@code relative} it is divided by the
 * close, which makes it comparable across price levels. Defined from bar {@code period} on.
 */
public final class AverageTrueRange extends SingleOutput {
    private final TrueRange trueRange = new TrueRange();
    private final ExponentialAverage average;
    private final boolean relative;

    public AverageTrueRange(int period, boolean relative) {
        super(period);
        this.average = ExponentialAverage.wilder(period);
        this.relative = relative;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        bars++;
        double atr = average.update(trueRange.update(high, low, close));
        value = relative ? atr / close : atr;
    }

    @Override
    public void reset() {
        super.reset();
        trueRange.reset();
        average.reset();
    }
}
