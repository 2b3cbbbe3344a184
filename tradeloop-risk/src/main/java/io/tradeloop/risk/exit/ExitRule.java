package io.tradeloop.risk.exit;

/**
 * A post-trade protective rule, expressed as the stop level it wants now: the price at which the
 * position must be closed (below the market for a long, above it for a short), or NaN when the rule
 * sets no stop yet. The exit engine keeps the tightest level of all rules.
 */
public interface ExitRule {
    String name();

    double stopLevel(TradeWatch trade);
}
