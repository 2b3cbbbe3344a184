package io.tradeloop.risk.exit;

import java.util.List;

/**
 * Runs the post-trade rules on each bar of an open trade. The protective stop is the tightest level
 * of all rules (highest for a long, lowest for a short), computed from the state before the bar. The
 * bar hits it when its low (long) or high (short) reaches it; the fill is the level, or the open when
 * the bar opened beyond it. A take-profit (the trade's takeProfitPct) fills at its level or a better
 * open; when a bar reaches both, the stop is assumed first. After the checks the best price moves
 * with the bar, for the next bar's stops.
 */
public final class ExitEngine {
    private final List<ExitRule> rules;

    public ExitEngine(List<? extends ExitRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Stop-loss, standard tiered trailing stop, profit lock at half of 2%+ peaks, liquidation guard at 5%. */
    public static ExitEngine standard() {
        return new ExitEngine(List.of(new StopLoss(), TieredTrailingStop.standard(), new ProfitLock(0.02, 0.5), new LiquidationGuard(0.05)));
    }

    public List<ExitRule> rules() {
        return rules;
    }

    /** Checks one bar (open, high, low, close) of an open trade, then updates the trade's best price. */
    public ExitVerdict onBar(TradeWatch t, double open, double high, double low, double close) {
        double stop = Double.NaN;
        String stopRule = null;
        for (ExitRule r : rules) {
            double level = r.stopLevel(t);
            if (Double.isNaN(level)) continue;
            if (Double.isNaN(stop) || (t.side() > 0 ? level > stop : level < stop)) {
                stop = level;
                stopRule = r.name();
            }
        }
        ExitVerdict verdict = null;
        if (!Double.isNaN(stop)) {
            boolean hit = t.side() > 0 ? low <= stop : high >= stop;
            if (hit) {
                double price = t.side() > 0 ? Math.min(open, stop) : Math.max(open, stop);
                verdict = new ExitVerdict.Exit(stopRule, price, String.format("%s at %.6g (profit %.2f%%)", stopRule, stop,
                        100 * t.profitAt(price)));
            }
        }
        if (verdict == null && !Double.isNaN(t.takeProfitPct())) {
            double tp = t.priceAtProfit(t.takeProfitPct());
            boolean hit = t.side() > 0 ? high >= tp : low <= tp;
            if (hit) {
                double price = t.side() > 0 ? Math.max(open, tp) : Math.min(open, tp);
                verdict = new ExitVerdict.Exit("take-profit", price, String.format("take-profit at %.6g (profit %.2f%%)", tp,
                        100 * t.profitAt(price)));
            }
        }
        t.observe(high, low);
        return verdict != null ? verdict : new ExitVerdict.Hold(stop, stopRule);
    }
}
