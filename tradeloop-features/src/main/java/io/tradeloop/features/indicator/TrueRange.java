package io.tradeloop.features.indicator;

/** Wilder's true range of each bar against the previous close; the first bar's is high - low. */
public final class TrueRange {
    private double prevClose = Double.NaN;

    /** The true range of this bar; remembers its close for the next one. */
    public double update(double high, double low, double close) {
        double hl = Math.abs(high - low);
        double tr;
        if (Double.isNaN(prevClose)) {
            tr = hl;
        } else {
            tr = Math.max(Math.max(hl, Math.abs(high - prevClose)), Math.abs(low - prevClose));
        }
        prevClose = close;
        return tr;
    }

    public void reset() {
        prevClose = Double.NaN;
    }
}
