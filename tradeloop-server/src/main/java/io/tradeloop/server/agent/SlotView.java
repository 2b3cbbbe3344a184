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
 */
public record SlotView(int slot, String key, String label, double sizeUsd, double hoursHeld, double netPnlUsd,
                       double netPnlPct, double currentAprPct, double liquidationDistance, double entrySpreadPct,
                       double currentSpreadPct) {
}
