package io.tradeloop.decide.adapt;

/**
 * The adapter's persisted state (JSON): everything needed to resume exactly.
 *
 * @param version     format version (1)
 * @param parameters  current parameters
 * @param q           Q-table, states × actions
 * @param epsilon     current exploration rate
 * @param trades      closed trades learned from
 * @param wins        of which profitable
 * @param totalPnlPct Σ trade P&amp;L %
 * @param pnlMean     running mean of trade P&amp;L % (Welford)
 * @param pnlM2       running sum of squared deviations (Welford)
 * @param rng         the random generator's state
 */
public record AdapterState(int version, AdaptedParameters parameters, double[][] q, double epsilon, long trades, long wins, double totalPnlPct,
                           double pnlMean, double pnlM2, long[] rng) {
}
