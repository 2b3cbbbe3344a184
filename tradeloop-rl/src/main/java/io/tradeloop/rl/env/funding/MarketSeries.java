package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.time.TimeFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw market an environment trades, on a fixed step grid, one column per leg market: the mark known at
 * each step, the low and high since the previous step, the funding settled in the step and the latest
 * settled rate, and 24-hour volume. Everything at step {@code t} is known at time {@code start + t × step}:
 * builders (the real-data loader, the generator, tests) must only put there what is known by then.
 */
public final class MarketSeries {
    private final long startMs;
    private final long stepMs;
    private final int steps;
    private final LegMarket[] legs;
    private final String[] assets;
    private final int[] legAsset;
    private final double[][] mark;
    private final double[][] low;
    private final double[][] high;
    private final double[][] settledRateSum;
    private final int[][] settlements;
    private final double[][] knownRate;
    private final double[][] volume24hUsd;

    private MarketSeries(Builder b) {
        this.startMs = b.startMs;
        this.stepMs = b.stepMs;
        this.steps = b.steps;
        this.legs = b.legs.toArray(new LegMarket[0]);
        List<String> as = new ArrayList<>();
        legAsset = new int[legs.length];
        for (int i = 0; i < legs.length; i++) {
            int a = as.indexOf(legs[i].asset());
            if (a < 0) {
                as.add(legs[i].asset());
                a = as.size() - 1;
            }
            legAsset[i] = a;
        }
        assets = as.toArray(new String[0]);
        mark = b.mark.toArray(new double[0][]);
        low = b.low.toArray(new double[0][]);
        high = b.high.toArray(new double[0][]);
        settledRateSum = b.settledRateSum.toArray(new double[0][]);
        settlements = b.settlements.toArray(new int[0][]);
        volume24hUsd = b.volume.toArray(new double[0][]);
        knownRate = new double[legs.length][steps];
        for (int l = 0; l < legs.length; l++) {
            double known = Double.NaN;
            int knownAt = Integer.MIN_VALUE / 2;
            // a rate is stale (unknown) once two of its intervals and a step pass without a settlement: a gap in the data
            double maxAgeSteps = (2 * legs[l].fundingIntervalHours() * 3_600_000.0) / stepMs + 1;
            for (int t = 0; t < steps; t++) {
                if (settlements[l][t] > 0) {
                    known = b.lastRate.get(l)[t];
                    knownAt = t;
                }
                knownRate[l][t] = t - knownAt <= maxAgeSteps ? known : Double.NaN;
                double m = mark[l][t];
                if (!Double.isNaN(m)) {
                    if (!(m > 0) || Double.isInfinite(m)) {
                        throw new IllegalArgumentException(legs[l].name() + " step " + t + " (" + TimeFormat.iso(timeMs(t))
                                + "): mark " + m + " must be finite and > 0");
                    }
                    // the step's range always contains its own mark
                    low[l][t] = Double.isNaN(low[l][t]) ? m : Math.min(low[l][t], m);
                    high[l][t] = Double.isNaN(high[l][t]) ? m : Math.max(high[l][t], m);
                }
            }
        }
    }

    public static Builder builder(long startMs, long stepMs, int steps) {
        return new Builder(startMs, stepMs, steps);
    }

    public long startMs() {
        return startMs;
    }

    public long stepMs() {
        return stepMs;
    }

    public double stepHours() {
        return stepMs / 3_600_000.0;
    }

    public int steps() {
        return steps;
    }

    public long timeMs(int step) {
        return startMs + step * stepMs;
    }

    /** The first step at or after {@code timeMs} (may be {@link #steps()} when past the end). */
    public int stepAtOrAfter(long timeMs) {
        if (timeMs <= startMs) {
            return 0;
        }
        long s = (timeMs - startMs + stepMs - 1) / stepMs;
        return (int) Math.min(steps, s);
    }

    public int legCount() {
        return legs.length;
    }

    public LegMarket leg(int l) {
        return legs[l];
    }

    public List<LegMarket> legs() {
        return List.of(legs);
    }

    public String[] assets() {
        return assets.clone();
    }

    /** Index of the leg's asset in {@link #assets()}. */
    public int assetOf(int leg) {
        return legAsset[leg];
    }

    /** Mark price at step t (NaN before the first known price). */
    public double mark(int leg, int t) {
        return mark[leg][t];
    }

    /** Lowest price in (t − 1, t]. */
    public double low(int leg, int t) {
        return low[leg][t];
    }

    /** Highest price in (t − 1, t]. */
    public double high(int leg, int t) {
        return high[leg][t];
    }

    /** Sum of the per-interval rates settled in (t − 1, t] (0 when none). */
    public double settledRateSum(int leg, int t) {
        return settledRateSum[leg][t];
    }

    public int settlements(int leg, int t) {
        return settlements[leg][t];
    }

    /**
     * The latest settled rate per the leg's interval known at step t: NaN before the first settlement and when
     * none came for two intervals (a gap in the data, not a stale rate).
     */
    public double knownRate(int leg, int t) {
        return knownRate[leg][t];
    }

    /** The latest settled rate scaled to 8 hours: rate × 8 / interval. */
    public double knownRate8h(int leg, int t) {
        return knownRate[leg][t] * 8.0 / legs[leg].fundingIntervalHours();
    }

    /** 24-hour traded volume in USD known at step t (NaN where the data has none: the liquidity model fills it). */
    public double volume24hUsd(int leg, int t) {
        return volume24hUsd[leg][t];
    }

    /** The columns of one leg (read-only views are not needed: the tape copies what it uses). */
    double[] markColumn(int leg) {
        return mark[leg];
    }

    /**
     * A copy where everything from step {@code fromStep} on is replaced by {@code perturb}'s values: the
     * no-look-ahead tests check that nothing before {@code fromStep} changes.
     */
    public MarketSeries withFutureReplaced(int fromStep, io.tradeloop.core.random.Rng rng) {
        Builder b = builder(startMs, stepMs, steps);
        for (int l = 0; l < legs.length; l++) {
            int nl = b.addLeg(legs[l]);
            for (int t = 0; t < steps; t++) {
                boolean future = t >= fromStep;
                double f = future ? Math.exp(0.2 * rng.nextGaussian()) : 1;
                double m = mark[l][t];
                if (!Double.isNaN(m)) {
                    b.price(nl, t, m * f, low[l][t] * f * (future ? 0.9 : 1), high[l][t] * f * (future ? 1.1 : 1));
                }
                if (settlements[l][t] > 0) {
                    double r = future ? rng.uniform(-0.003, 0.003) : settledRateSum[l][t] / settlements[l][t];
                    for (int k = 0; k < settlements[l][t]; k++) {
                        b.settleAtStep(nl, t, r);
                    }
                }
                double v = volume24hUsd[l][t];
                if (!Double.isNaN(v)) {
                    b.volume(nl, t, future ? v * Math.exp(rng.nextGaussian()) : v);
                }
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "MarketSeries[" + legs.length + " legs, " + steps + " steps of " + stepHours() + " h from " + TimeFormat.iso(startMs) + "]";
    }

    /** Fills the columns step by step; unset prices and volumes stay NaN, unset settlements zero. */
    public static final class Builder {
        private final long startMs;
        private final long stepMs;
        private final int steps;
        private final List<LegMarket> legs = new ArrayList<>();
        private final List<double[]> mark = new ArrayList<>();
        private final List<double[]> low = new ArrayList<>();
        private final List<double[]> high = new ArrayList<>();
        private final List<double[]> settledRateSum = new ArrayList<>();
        private final List<int[]> settlements = new ArrayList<>();
        private final List<double[]> lastRate = new ArrayList<>();
        private final List<double[]> volume = new ArrayList<>();

        private Builder(long startMs, long stepMs, int steps) {
            Checks.inRange("step_ms", stepMs, 60_000L, 86_400_000L);
            Checks.inRange("steps", steps, 1, 10_000_000);
            this.startMs = startMs;
            this.stepMs = stepMs;
            this.steps = steps;
        }

        public int addLeg(LegMarket leg) {
            legs.add(leg);
            mark.add(nan(steps));
            low.add(nan(steps));
            high.add(nan(steps));
            settledRateSum.add(new double[steps]);
            settlements.add(new int[steps]);
            lastRate.add(nan(steps));
            volume.add(nan(steps));
            return legs.size() - 1;
        }

        public int steps() {
            return steps;
        }

        public long timeMs(int step) {
            return startMs + step * stepMs;
        }

        /** The mark known at step t and the range since the previous step (NaN low/high: just the mark). */
        public Builder price(int leg, int t, double markPrice, double lowPrice, double highPrice) {
            mark.get(leg)[t] = markPrice;
            low.get(leg)[t] = lowPrice;
            high.get(leg)[t] = highPrice;
            return this;
        }

        /**
         * A settlement at {@code timeMs}: it belongs to the first step at or after that time. Settlements before
         * the start or past the end are ignored (start the series early enough to warm the statistics up).
         */
        public Builder settle(int leg, long timeMs, double ratePerInterval) {
            if (timeMs < startMs) {
                return this;
            }
            long s = (timeMs - startMs + stepMs - 1) / stepMs;
            if (s >= steps) {
                return this;
            }
            return settleAtStep(leg, (int) s, ratePerInterval);
        }

        public Builder settleAtStep(int leg, int t, double ratePerInterval) {
            if (Double.isNaN(ratePerInterval) || Double.isInfinite(ratePerInterval) || Math.abs(ratePerInterval) >= 0.1) {
                throw new IllegalArgumentException(legs.get(leg).name() + " step " + t + ": funding rate " + ratePerInterval
                        + " must be finite and within (-0.1, 0.1) per interval");
            }
            settledRateSum.get(leg)[t] += ratePerInterval;
            settlements.get(leg)[t]++;
            lastRate.get(leg)[t] = ratePerInterval;
            return this;
        }

        public Builder volume(int leg, int t, double volume24hUsd) {
            if (!(volume24hUsd >= 0) || Double.isInfinite(volume24hUsd)) {
                throw new IllegalArgumentException(legs.get(leg).name() + " step " + t + ": 24 h volume " + volume24hUsd
                        + " must be finite and >= 0");
            }
            volume.get(leg)[t] = volume24hUsd;
            return this;
        }

        public MarketSeries build() {
            if (legs.size() < 2) {
                throw new IllegalArgumentException("a funding-arbitrage market needs at least 2 leg markets, got " + legs.size());
            }
            return new MarketSeries(this);
        }

        private static double[] nan(int n) {
            double[] a = new double[n];
            Arrays.fill(a, Double.NaN);
            return a;
        }
    }
}
