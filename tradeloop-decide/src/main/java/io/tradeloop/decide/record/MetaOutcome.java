package io.tradeloop.decide.record;

/**
 * The meta-label model's answer for the proposed side.
 *
 * @param pTake     calibrated P(the trade hits its profit-take first)
 * @param threshold the take threshold
 * @param take      pTake ≥ threshold
 */
public record MetaOutcome(double pTake, double threshold, boolean take) {
}
