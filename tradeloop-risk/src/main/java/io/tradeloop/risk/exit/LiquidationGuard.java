package io.tradeloop.risk.exit;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.portfolio.Margin;

/**
 * The liquidation-aware emergency exit: close a leveraged position before the mark comes within
 * {@code minDistance} of its liquidation price. With liq = entry × (1 − 0.9/L) for a long, the distance
 * (p − liq)/p falls below d when p &lt; liq / (1 − d); for a short, when p &gt; liq / (1 + d).
 */
public record LiquidationGuard(double minDistance) implements ExitRule {
    public LiquidationGuard {
        Checks.inRange("liquidation_min_distance", minDistance, 0, 0.9);
    }

    @Override
    public String name() {
        return "liquidation-guard";
    }

    @Override
    public double stopLevel(TradeWatch t) {
        if (t.leverage() <= 1) return Double.NaN; // unlevered: no liquidation
        double liq = Margin.liquidationPrice(t.entryPrice(), t.leverage(), t.side() > 0);
        return t.side() > 0 ? liq / (1 - minDistance) : liq / (1 + minDistance);
    }
}
