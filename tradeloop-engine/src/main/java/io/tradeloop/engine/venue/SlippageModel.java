package io.tradeloop.engine.venue;

import io.tradeloop.core.config.Checks;

/**
 * How far a taker fill lands from the reference price, as a fraction of it: a fixed half-spread plus a
 * square-root market-impact term (Almgren et al. 2005, "Direct estimation of equity market impact")
 * with the bar's high−low range standing in for volatility:
 *
 * <pre>
 *   slippage = min(maxBps, baseBps + 10⁴ × impactCoefficient × (high − low) / close × √(qty / volume)) / 10⁴
 * </pre>
 *
 * The range and volume are those of the last bar that had closed when the order was decided, never of
 * the bar it fills in, so the cost model uses no information from the future. A bar with no volume
 * counts as full participation (√ term = 1). Buys fill at {@code price × (1 + slippage)}, sells at
 * {@code price × (1 − slippage)}.
 *
 * @param baseBps           fixed cost in basis points (half the quoted spread), 0–1000
 * @param impactCoefficient multiplier of range × √participation, 0–100
 * @param maxBps            cap in basis points, 0–10000
 */
public record SlippageModel(double baseBps, double impactCoefficient, double maxBps) {
    public SlippageModel {
        Checks.inRange("slippage_base_bps", baseBps, 0, 1000);
        Checks.inRange("slippage_impact", impactCoefficient, 0, 100);
        Checks.inRange("slippage_max_bps", maxBps, 0, 10_000);
    }

    /** 1 bp fixed, impact coefficient 0.5, capped at 500 bps. */
    public static SlippageModel defaults() {
        return new SlippageModel(1.0, 0.5, 500);
    }

    /** No slippage at all (fills at the reference price). */
    public static SlippageModel none() {
        return new SlippageModel(0, 0, 0);
    }

    /**
     * The slippage fraction for {@code qty} base units, given the last closed bar's range, close and volume.
     */
    public double fraction(double qty, double high, double low, double close, double volume) {
        double bps = baseBps;
        if (impactCoefficient > 0 && close > 0) {
            double participation = volume > 0 ? Math.min(1.0, qty / volume) : 1.0;
            bps += 1e4 * impactCoefficient * ((high - low) / close) * Math.sqrt(participation);
        }
        return Math.min(bps, maxBps) * 1e-4;
    }
}
