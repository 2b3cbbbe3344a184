package io.tradeloop.core.funding;

import io.tradeloop.core.config.Checks;

/**
 * The greedy funding-rate carry rule, in one place for every user: the backtester's carry baseline
 * ({@code io.tradeloop.engine.strategy.carry.FundingCarry}) and the funding RL environment's baseline
 * policy both call it, so the two baselines are the same rule.
 *
 * <p>An opportunity is one asset's perpetual on two venues. Going long where funding is lower and
 * short where it is higher earns the differential {@code d = shortRate8h − longRate8h} per 8 hours
 * (a long pays its rate, a short receives its rate; DESIGN.md, "The funding-rate arbitrage agent").
 * A round trip costs {@code 2 × (takerFee_long + takerFee_short)} of the leg notional (enter and exit
 * both legs). The rule amortises that cost over {@code amortisationPeriods} funding periods:
 *
 * <pre>
 *   netEdge8h = d − 2 × (fee_long + fee_short) / amortisationPeriods
 *   enter  when netEdge8h &gt; entryEdge8h
 *   exit   when d &lt; exitDifferential8h, or when either leg is nearer liquidation than liquidationBuffer
 * </pre>
 *
 * The rates are the last <em>settled</em> rates, normalised to 8 hours: the rule assumes they persist
 * (that is what makes it greedy) and never sees the next settlement.
 *
 * @param entryEdge8h         net edge per 8 h (fraction of notional) an entry must exceed, e.g. 0.0
 * @param exitDifferential8h  raw differential per 8 h below which an open pair is closed, e.g. 0.0
 * @param amortisationPeriods funding periods over which the round-trip fees are spread (1–1000)
 * @param liquidationBuffer   close the pair when a leg is closer than this to liquidation, as a fraction
 *                            of the mark (0–0.9; 0 disables)
 */
public record CarryRule(double entryEdge8h, double exitDifferential8h, int amortisationPeriods, double liquidationBuffer) {
    public CarryRule {
        Checks.inRange("entry_edge_8h", entryEdge8h, -0.01, 0.01);
        Checks.inRange("exit_differential_8h", exitDifferential8h, -0.01, 0.01);
        Checks.inRange("amortisation_periods", amortisationPeriods, 1, 1000);
        Checks.inRange("liquidation_buffer", liquidationBuffer, 0.0, 0.9);
        if (exitDifferential8h > entryEdge8h) {
            throw new io.tradeloop.core.config.ConfigException("exit_differential_8h", "value " + exitDifferential8h
                    + " must be <= entry_edge_8h " + entryEdge8h + " (otherwise a fresh entry exits at once)");
        }
    }

    /** Defaults: enter on any positive net edge with fees spread over 21 periods (7 days), exit when the differential turns negative, 15% liquidation buffer. */
    public static CarryRule defaults() {
        return new CarryRule(0.0, 0.0, 21, 0.15);
    }

    /** Round-trip fee fraction of the leg notional: enter and exit both legs at taker rates. */
    public static double roundTripFeeRate(double longTakerFee, double shortTakerFee) {
        return 2 * (longTakerFee + shortTakerFee);
    }

    /** The differential the pair earns per 8 h: short's rate minus long's rate. */
    public static double differential8h(double longRate8h, double shortRate8h) {
        return shortRate8h - longRate8h;
    }

    /** Differential per 8 h after the round-trip fees spread over {@link #amortisationPeriods()}. */
    public double netEdge8h(double longRate8h, double shortRate8h, double roundTripFeeRate) {
        return differential8h(longRate8h, shortRate8h) - roundTripFeeRate / amortisationPeriods;
    }

    public boolean shouldEnter(double longRate8h, double shortRate8h, double roundTripFeeRate) {
        return netEdge8h(longRate8h, shortRate8h, roundTripFeeRate) > entryEdge8h;
    }

    /**
     * Whether an open pair should be closed.
     *
     * @param minLiquidationDistance the nearer of the two legs' distances to liquidation (fraction of mark;
     *                               +∞ when unknown or unleveraged)
     */
    public boolean shouldExit(double longRate8h, double shortRate8h, double minLiquidationDistance) {
        return differential8h(longRate8h, shortRate8h) < exitDifferential8h
                || minLiquidationDistance < liquidationBuffer;
    }

    /**
     * The best pair among {@code n} venues of one asset: long the lowest 8-hour rate, short the highest.
     * Venues whose rate is NaN (not known yet) are skipped.
     *
     * @return {@code longIndex * n + shortIndex}, or −1 when fewer than two venues have a rate
     *         (packed so the hot path allocates nothing; see {@link #longOf} and {@link #shortOf})
     */
    public static int bestPair(double[] rates8h, int n) {
        int lo = -1;
        int hi = -1;
        for (int i = 0; i < n; i++) {
            double r = rates8h[i];
            if (Double.isNaN(r)) {
                continue;
            }
            if (lo < 0 || r < rates8h[lo]) lo = i;
            if (hi < 0 || r > rates8h[hi]) hi = i;
        }
        if (lo < 0 || lo == hi) {
            return -1;
        }
        return lo * n + hi;
    }

    public static int longOf(int packedPair, int n) {
        return packedPair / n;
    }

    public static int shortOf(int packedPair, int n) {
        return packedPair % n;
    }
}
