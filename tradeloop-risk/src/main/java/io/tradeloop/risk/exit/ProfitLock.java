package io.tradeloop.risk.exit;

import io.tradeloop.core.config.Checks;

/**
 * Once the peak profit reaches {@code trigger}, never give back more than (1 − {@code lockFraction})
 * of it: the stop sits at the price where profit = lockFraction × peak profit.
 */
public record ProfitLock(double trigger, double lockFraction) implements ExitRule {
    public ProfitLock {
        Checks.inRange("profit_lock_trigger", trigger, 1e-6, 100);
        Checks.inRange("profit_lock_fraction", lockFraction, 0, 1);
    }

    @Override
    public String name() {
        return "profit-lock";
    }

    @Override
    public double stopLevel(TradeWatch t) {
        double peak = t.peakProfit();
        if (peak < trigger - 1e-12) return Double.NaN;
        return t.priceAtProfit(lockFraction * peak);
    }
}
