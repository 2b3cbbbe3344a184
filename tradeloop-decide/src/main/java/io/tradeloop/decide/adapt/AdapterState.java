package io.tradeloop.decide.adapt;

import java.util.List;

/**
 * The adapter's persisted state (JSON): everything needed to resume exactly, shadow trades in flight included.
 *
 * @param version        format version (2: counterfactual scoring)
 * @param parameters     current parameters
 * @param q              Q-table, states × actions
 * @param epsilon        current exploration rate
 * @param scored         candidates scored so far
 * @param scoredAtLastChoice {@code scored} when the adapter last chose an action (it chooses again only after more are scored)
 * @param baseMean       running mean of the base parameters' shadow P&amp;L % (Welford; the Sharpe term's reference)
 * @param baseM2         running sum of squared deviations of it (Welford)
 * @param taken          scored candidates the adapter's applied parameters let through
 * @param wins           of which profitable
 * @param takenPnlPct    Σ shadow P&amp;L % of those
 * @param basePnlPct     Σ shadow P&amp;L % of the scored candidates the base parameters let through
 * @param advantageSum   Σ reward of the applied actions (what the adapter added over the base parameters, in reward units)
 * @param pending        candidates whose shadow trades are still open, oldest first
 * @param rng            the random generator's state
 */
public record AdapterState(int version, AdaptedParameters parameters, double[][] q, double epsilon, long scored, long scoredAtLastChoice, double baseMean, double baseM2,
                           long taken, long wins, double takenPnlPct, double basePnlPct, double advantageSum, List<PendingState> pending, long[] rng) {

    /**
     * One candidate in flight.
     *
     * @param state     the market state index it was decided in
     * @param action    the applied action's ordinal
     * @param candidate the candidate
     * @param taken     per action ordinal, then the base parameters: whether that parameter set lets it through
     * @param fraction  per action, then base: the equity fraction it would trade
     * @param steps     per action, then base: how many bound steps those parameters stand from the base ones
     * @param walks     per action, then base: the barrier walk's state (entry, upper, lower, horizon, bars, barrier ordinal,
     *                  touch price, lowest held low, highest held high, exit-bar low, exit-bar high)
     */
    public record PendingState(int state, int action, Candidate candidate, boolean[] taken, double[] fraction, double[] steps,
                               double[][] walks) {
    }
}
