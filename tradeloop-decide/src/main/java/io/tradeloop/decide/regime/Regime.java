package io.tradeloop.decide.regime;

/** Market regime: trending or ranging, in high or low volatility. */
public enum Regime {
    TREND_HIGH_VOL, TREND_LOW_VOL, RANGE_HIGH_VOL, RANGE_LOW_VOL;

    public boolean isTrend() {
        return this == TREND_HIGH_VOL || this == TREND_LOW_VOL;
    }

    public boolean isHighVol() {
        return this == TREND_HIGH_VOL || this == RANGE_HIGH_VOL;
    }

    public static Regime of(boolean trend, boolean highVol) {
        return trend ? (highVol ? TREND_HIGH_VOL : TREND_LOW_VOL) : (highVol ? RANGE_HIGH_VOL : RANGE_LOW_VOL);
    }
}
