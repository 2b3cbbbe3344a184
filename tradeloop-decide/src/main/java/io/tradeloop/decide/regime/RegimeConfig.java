package io.tradeloop.decide.regime;

import io.tradeloop.core.config.Checks;

/**
 * Regime detection parameters.
 *
 * @param adxTrend          ADX at or above which the market may be trending, in [5, 60] (default 25)
 * @param adxBand           ADX distance from the threshold that counts as a clear reading, in [1, 50] (default 10)
 * @param volHistory        bars of realised volatility kept for its percentile rank, in [20, 100 000] (default 500)
 * @param highVolRank       percentile rank at or above which volatility is high, in [0.5, 0.99] (default 0.7)
 * @param confirmations     consecutive bars a new regime must show before it is confirmed (debounce), in [1, 100] (default 3)
 */
public record RegimeConfig(double adxTrend, double adxBand, int volHistory, double highVolRank, int confirmations) {
    public RegimeConfig {
        Checks.inRange("adx_trend", adxTrend, 5, 60);
        Checks.inRange("adx_band", adxBand, 1, 50);
        Checks.inRange("vol_history", volHistory, 20, 100_000);
        Checks.inRange("high_vol_rank", highVolRank, 0.5, 0.99);
        Checks.inRange("confirmations", confirmations, 1, 100);
    }

    public static RegimeConfig defaults() {
        return new RegimeConfig(25, 10, 500, 0.7, 3);
    }
}
