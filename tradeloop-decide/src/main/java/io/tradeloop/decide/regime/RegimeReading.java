package io.tradeloop.decide.regime;

/**
 * One bar's regime classification.
 *
 * @param raw        the regime this bar's inputs say
 * @param confirmed  the debounced regime in force (changes only after N consecutive confirmations)
 * @param trendScore 0 = clear range … 1 = clear trend
 * @param volRank    percentile rank of realised volatility in its trailing history, in [0, 1]
 * @param confidence how clearly the inputs sit on one side of both thresholds, in [0, 1]
 * @param streak     consecutive bars the raw regime has differed from the confirmed one (0 when equal)
 */
public record RegimeReading(Regime raw, Regime confirmed, double trendScore, double volRank, double confidence, int streak) {
}
