package io.tradeloop.engine.metrics;

/**
 * A finished trade: from the fill that opened it to the fill that made it flat again. A multi-leg
 * trade (an arbitrage pair opened by one proposal) is one trade whose numbers sum over its legs.
 *
 * @param entryMs          time of the opening fill
 * @param exitMs           time of the fill that closed the last leg
 * @param description      e.g. {@code long coinbase:BTC/USD} or {@code long binance:BTCUSDT / short okx:BTCUSDT}
 * @param legs             number of legs
 * @param entryNotionalUsd Σ |qty × price| of the opening fills
 * @param pricePnlUsd      realised price P&amp;L
 * @param fundingUsd       funding received while open (negative when paid)
 * @param feesUsd          fees of every fill of the trade
 * @param liquidated       true when the venue liquidated a leg
 */
public record ClosedTrade(long entryMs, long exitMs, String description, int legs, double entryNotionalUsd,
                          double pricePnlUsd, double fundingUsd, double feesUsd, boolean liquidated) {
    /** Net P&amp;L: price P&amp;L + funding − fees. */
    public double pnlUsd() {
        return pricePnlUsd + fundingUsd - feesUsd;
    }

    /** Net P&amp;L as a fraction of the entry notional. */
    public double returnOnNotional() {
        return entryNotionalUsd > 0 ? pnlUsd() / entryNotionalUsd : 0;
    }
}
