package io.tradeloop.decide.regime;

/**
 * Classifies each bar as trend/range × high/low volatility and debounces the result.
 *
 * <p>Trend: ADX ≥ {@code adxTrend} and the base-timeframe slope and the higher-timeframe slope point the
 * same way (both non-zero). Trend score: ½ + (ADX − adxTrend) / (2 × adxBand), clamped to [0, 1], and
 * 0 when the slopes disagree. High volatility: the percentile rank of the bar's realised volatility
 * among the last {@code volHistory} values (fraction of them ≤ it) is ≥ {@code highVolRank}; until a
 * quarter of that history (at least 5 values) is kept the rank is unknown and volatility reads as low.
 * Confidence: the mean of |trend score − ½| × 2 and min(1, |rank − highVolRank| / (1 − highVolRank)).
 *
 * <p>Debounce: the confirmed regime changes only when the raw regime has differed from it, and agreed
 * with itself, for {@code confirmations} consecutive bars. Allocates nothing per bar; one instance per
 * instrument, fed in bar order.
 */
public final class RegimeDetector {
    private final RegimeConfig config;
    private final double[] volRing;
    private int volNext;
    private int volCount;
    private final int minRanked;
    private Regime confirmed;
    private Regime candidate;
    private int streak;

    public RegimeDetector(RegimeConfig config) {
        this.config = config;
        this.volRing = new double[config.volHistory()];
        this.minRanked = Math.max(5, config.volHistory() / 4);
    }

    /**
     * Folds in one bar.
     *
     * @param adx          the bar's ADX (NaN while warming up: the bar is read as a range)
     * @param realisedVol  the bar's realised volatility (NaN while warming up: not ranked, read as low)
     * @param baseSlope    slope of the base-timeframe trend (e.g. the 20-bar return)
     * @param higherSlope  slope on the higher timeframe (e.g. the 1-day return), NaN when absent (then the base slope alone decides)
     */
    public RegimeReading update(double adx, double realisedVol, double baseSlope, double higherSlope) {
        double rank = Double.NaN;
        if (!Double.isNaN(realisedVol)) {
            volRing[volNext] = realisedVol;
            volNext = (volNext + 1) % volRing.length;
            if (volCount < volRing.length) volCount++;
            if (volCount >= minRanked) {
                int le = 0;
                for (int k = 0; k < volCount; k++) if (volRing[k] <= realisedVol) le++;
                rank = (double) le / volCount;
            }
        }
        boolean slopesAgree = baseSlope != 0 && !Double.isNaN(baseSlope)
                && (Double.isNaN(higherSlope) || Math.signum(baseSlope) == Math.signum(higherSlope));
        double trendScore = Double.isNaN(adx) || !slopesAgree ? 0
                : Math.max(0, Math.min(1, 0.5 + (adx - config.adxTrend()) / (2 * config.adxBand())));
        boolean trend = !Double.isNaN(adx) && adx >= config.adxTrend() && slopesAgree;
        boolean highVol = !Double.isNaN(rank) && rank >= config.highVolRank();
        Regime raw = Regime.of(trend, highVol);
        double volConf = Double.isNaN(rank) ? 0 : Math.min(1, Math.abs(rank - config.highVolRank()) / (1 - config.highVolRank()));
        double confidence = 0.5 * (Math.abs(trendScore - 0.5) * 2 + volConf);

        if (confirmed == null) {
            confirmed = raw; // the first reading is taken as is: there is nothing to debounce against
            streak = 0;
        } else if (raw == confirmed) {
            candidate = null;
            streak = 0;
        } else {
            streak = raw == candidate ? streak + 1 : 1;
            candidate = raw;
            if (streak >= config.confirmations()) {
                confirmed = raw;
                candidate = null;
                streak = 0;
            }
        }
        return new RegimeReading(raw, confirmed, trendScore, Double.isNaN(rank) ? 0 : rank, confidence, streak);
    }

    public Regime confirmed() {
        return confirmed;
    }
}
