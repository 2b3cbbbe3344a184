package io.tradeloop.decide.adapt;

/**
 * An entry the stack would make where the adapter's parameters decide the outcome: every gate but the
 * confidence gate (whose threshold the adapter sets) has passed. Everything needed to score the trade
 * under any parameters once its bars have closed.
 *
 * @param timeMs        the decision bar's close time (only later bars step its shadow trades)
 * @param side          +1 long, −1 short
 * @param confidence    the vote's confidence, compared with the confidence threshold
 * @param entryPrice    the decision bar's close (the triple-barrier entry)
 * @param stopPct       stop distance at multiplier 1 (τ × the label's stop multiple), a fraction of entry
 * @param takePct       profit-take distance at multiplier 1, a fraction of entry
 * @param sizeFraction  equity fraction before the size multiplier (base × confidence weight × fuzzy factor)
 * @param riskBudget    equity fraction a stop-out may lose at risk multiplier 1 (the size is capped at riskBudget × risk / stop);
 *                      +∞ for no cap
 * @param horizonBars   the time barrier, in bars
 */
public record Candidate(long timeMs, int side, double confidence, double entryPrice, double stopPct, double takePct, double sizeFraction, double riskBudget,
                        int horizonBars) {
    public Candidate {
        if (side != 1 && side != -1) throw new IllegalArgumentException("side must be +1 or -1, got " + side);
        if (!(entryPrice > 0)) throw new IllegalArgumentException("entry_price must be > 0, got " + entryPrice);
        if (!(stopPct > 0 && stopPct < 1)) throw new IllegalArgumentException("stop_pct must be in (0, 1), got " + stopPct);
        if (!(takePct > 0)) throw new IllegalArgumentException("take_pct must be > 0, got " + takePct);
        if (!(sizeFraction >= 0) || !(riskBudget > 0)) {
            throw new IllegalArgumentException("size_fraction must be >= 0 and risk_budget > 0, got " + sizeFraction + ", " + riskBudget);
        }
        if (horizonBars < 1) throw new IllegalArgumentException("horizon_bars must be >= 1, got " + horizonBars);
    }
}
