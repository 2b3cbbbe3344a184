package io.tradeloop.decide.adapt;

import io.tradeloop.decide.regime.Regime;

/**
 * What the adapter sees of the market and the account when it acts.
 *
 * @param volRank       realised-volatility percentile rank, [0, 1]
 * @param trendStrength ADX
 * @param momentum      recent return divided by its volatility (a z-score)
 * @param regime        the confirmed regime
 * @param drawdown      the account's drawdown from its peak, [0, 1]
 */
public record MarketState(double volRank, double trendStrength, double momentum, Regime regime, double drawdown) {

    /** Number of discrete states: 3 vol × 3 trend × 3 momentum × 4 regimes × 3 drawdown. */
    public static final int COUNT = 3 * 3 * 3 * 4 * 3;

    /**
     * The discrete state index. Bins: vol rank &lt; 1/3, &lt; 2/3, else; ADX &lt; 20, &lt; 30, else; momentum
     * z &lt; −0.5, ≤ 0.5, else; the regime's ordinal; drawdown &lt; 5%, &lt; 15%, else. NaN reads as the lowest bin
     * (momentum: the middle one).
     */
    public int index() {
        int v = volRank >= 2.0 / 3 ? 2 : volRank >= 1.0 / 3 ? 1 : 0;
        int t = trendStrength >= 30 ? 2 : trendStrength >= 20 ? 1 : 0;
        int m = momentum < -0.5 ? 0 : momentum > 0.5 ? 2 : 1;
        int r = regime == null ? Regime.RANGE_LOW_VOL.ordinal() : regime.ordinal();
        int d = drawdown >= 0.15 ? 2 : drawdown >= 0.05 ? 1 : 0;
        return (((v * 3 + t) * 3 + m) * 4 + r) * 3 + d;
    }
}
