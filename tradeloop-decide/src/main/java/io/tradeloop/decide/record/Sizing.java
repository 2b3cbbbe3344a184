package io.tradeloop.decide.record;

/**
 * How an entry's size was built, factor by factor: final = min(base × confidence weight × adapter × fuzzy, risk budget cap)
 * × risk scale.
 *
 * @param baseFraction     configured notional as a fraction of equity
 * @param confidenceWeight min(2 × confidence, 1), or 1 when uncertainty sizing is off
 * @param adapterMultiplier the Q-learning adapter's size multiplier (1 without it)
 * @param fuzzyMultiplier  min(1, |fuzzy action| / 0.6), or 1 without fuzzy arbitration
 * @param riskBudgetCap    the largest fraction whose stop-out loses at most the per-trade risk budget (+∞ below the risk level)
 * @param riskScale        the risk layer's scale (1 when approved unchanged)
 * @param finalFraction    the product
 */
public record Sizing(double baseFraction, double confidenceWeight, double adapterMultiplier, double fuzzyMultiplier, double riskBudgetCap,
                     double riskScale,
                     double finalFraction) {
}
