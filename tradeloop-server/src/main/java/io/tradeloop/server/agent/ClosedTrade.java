package io.tradeloop.server.agent;

/**
 * An arbitrage position closed during a tick.
 *
 * @param slot       the execution slot it held
 * @param label      e.g. {@code BTC long okx / short binance}
 * @param reason     who closed it: {@code brain}, {@code stop-loss} or {@code liquidation}
 * @param sizeUsd    USD notional of each leg at entry
 * @param netPnlUsd  price P&amp;L of both legs + funding − fees
 * @param netPnlPct  netPnlUsd / sizeUsd × 100
 * @param hoursHeld  hours between entry and exit (simulated time)
 */
public record ClosedTrade(int slot, String label, String reason, double sizeUsd, double netPnlUsd, double netPnlPct,
                          double hoursHeld) {
}
