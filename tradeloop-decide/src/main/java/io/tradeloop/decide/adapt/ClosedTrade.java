package io.tradeloop.decide.adapt;

/**
 * A closed trade as the adapter's reward sees it.
 *
 * @param pnlPct          net P&amp;L as a percentage of equity at entry (1.5 = +1.5%)
 * @param barsHeld        bars the trade was open
 * @param maxAdversePct   largest open loss during the trade, as a percentage of equity (≥ 0)
 */
public record ClosedTrade(double pnlPct, int barsHeld, double maxAdversePct) {
}
