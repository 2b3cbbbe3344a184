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
    private final ExitRule[] ruleArray;
    // the stop found by the last check (one engine per trading loop)
    private double lastStop = Double.NaN;
    private String lastStopRule;

    public ExitEngine(List<? extends ExitRule> rules) {
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new ExitRule[0]);
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
        ExitVerdict.Exit exit = checkExit(t, open, high, low, close);
        return exit != null ? exit : new ExitVerdict.Hold(lastStop, lastStopRule);
    }

    /**
     * {@link #onBar} for the per-bar hot path: the exit, or null when the trade holds, in which case
     * nothing is allocated ({@link #lastStopLevel()} and {@link #lastStopRule()} then say which stop is in force).
     */
    public ExitVerdict.Exit checkExit(TradeWatch t, double open, double high, double low, double close) {
        double stop = Double.NaN;
        String stopRule = null;
        for (ExitRule r : ruleArray) {
            double level = r.stopLevel(t);
            if (Double.isNaN(level)) continue;
            if (Double.isNaN(stop) || (t.side() > 0 ? level > stop : level < stop)) {
                stop = level;
                stopRule = r.name();
            }
        }
        lastStop = stop;
        lastStopRule = stopRule;
        ExitVerdict.Exit verdict = null;
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
        return verdict;
    }

    /** The tightest protective level the last check found (NaN when no rule set one). */
    public double lastStopLevel() {
        return lastStop;
    }

    /** The rule that set it (null when none). */
    public String lastStopRule() {
        return lastStopRule;
    }
}
