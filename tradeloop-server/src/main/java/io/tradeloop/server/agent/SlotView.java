package io.tradeloop.server.agent;

/**
 * An open arbitrage position as a decision maker sees it.
 *
 * @param slot                 execution slot, 0–4
 * @param key                  the pair and direction, e.g. {@code BTC:okx>binance}
 * @param label                e.g. {@code BTC long okx / short binance}
 * @param sizeUsd              USD notional of each leg at entry
 * @param hoursHeld            hours since entry
 * @param netPnlUsd            price P&amp;L of both legs + funding received − fees paid
 * @param netPnlPct            netPnlUsd / sizeUsd × 100
 * @param currentAprPct        the pair's funding APR in the held direction now (NaN when it did not settle this tick)
 * @param liquidationDistance  the smaller of the two legs' distances to liquidation (fraction of price)
 * @param entrySpreadPct       price spread between the legs at entry, percent
 * @param currentSpreadPct     price spread now, percent
 * @param legs                 the legs' prices, rates and costs (what a policy's observation needs)
 */
public record SlotView(int slot, String key, String label, double sizeUsd, double hoursHeld, double netPnlUsd,
                       double netPnlPct, double currentAprPct, double liquidationDistance, double entrySpreadPct,
                       double currentSpreadPct, Legs legs) {
    /**
     * The two legs of a position.
     *
     * @param symbol          contract symbol on both venues
     * @param longVenue       long leg's venue
     * @param shortVenue      short leg's venue
     * @param longEntryPrice  long leg's entry price
     * @param shortEntryPrice short leg's entry price
     * @param longMarkPrice   long leg's mark now
     * @param shortMarkPrice  short leg's mark now
     * @param leverage        leverage of both legs
     * @param longRate8h      long leg's latest settled rate per 8 h (NaN before its first settlement)
     * @param shortRate8h     short leg's, per 8 h
     * @param fundingUsd      funding received by both legs so far
     * @param feesUsd         fees paid by both legs so far
     */
    public record Legs(String symbol, String longVenue, String shortVenue, double longEntryPrice, double shortEntryPrice,
                       double longMarkPrice, double shortMarkPrice, double leverage, double longRate8h, double shortRate8h,
                       double fundingUsd, double feesUsd) {
    }
}
