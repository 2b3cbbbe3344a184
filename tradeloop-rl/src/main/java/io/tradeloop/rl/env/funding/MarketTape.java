package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.Instrument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link MarketSeries} made ready for the environment: every ordered pair of leg markets of one asset is a
 * candidate opportunity; at every step the candidates are scored and the top ones (by
 * {@link Opportunity#compositeScore}) are encoded once into their 20 features, so a step copies them instead
 * of recomputing. Liquidity the data lacks comes from the {@link LiquidityModel}. Every value at step t uses
 * only the series up to step t. Immutable once built; environments share it.
 */
public final class MarketTape {
    private final MarketSeries series;
    private final EnvConfig config;
    private final int slots;
    private final int steps;
    private final int warmupSteps;
    private final Instrument[] instruments;
    private final int[] candLong;
    private final int[] candShort;
    private final int[] candRiskClass;
    private final int riskClasses;
    private final double[][] bidAskPct;
    private final double[][] volume;
    private final double[][] hourlyVol;
    private final int[] slotCandidate;
    private final float[] block;
    private final int[] validCount;
    /**
     * What the environment's step reads about a leg at a step, packed in one 64-byte record per leg and step
     * ({@link #LEG_FIELDS} doubles; a leg's records follow each other step by step): the same values as
     * {@link MarketSeries} and {@link #halfSpread}, so that a position reads one record per leg and step instead
     * of one column per field.
     */
    private final double[] legSteps;
    private final int legs;
    static final int LEG_FIELDS = 8;
    private static final int MARK = 0;
    private static final int LOW = 1;
    private static final int HIGH = 2;
    private static final int RATE_SUM = 3;
    private static final int SETTLEMENTS = 4;
    private static final int RATE_8H = 5;
    private static final int HALF_SPREAD = 6;

    private MarketTape(MarketSeries series, EnvConfig config) {
        this.series = series;
        this.config = config;
        this.slots = config.layout().opportunitySlots();
        this.steps = series.steps();
        int w24 = Math.max(1, config.stepsIn(24));
        int w72 = Math.max(1, config.stepsIn(72));
        this.warmupSteps = Math.max(w72, 30);
        int legs = series.legCount();
        this.legs = legs;
        instruments = new Instrument[legs];
        for (int l = 0; l < legs; l++) {
            instruments[l] = series.leg(l).instrument(config.feeRatePerSide());
        }
        List<int[]> cands = new ArrayList<>();
        for (int a = 0; a < legs; a++) {
            for (int b = 0; b < legs; b++) {
                if (a != b && series.assetOf(a) == series.assetOf(b)) {
                    cands.add(new int[] {a, b});
                }
            }
        }
        int nc = cands.size();
        candLong = new int[nc];
        candShort = new int[nc];
        candRiskClass = new int[nc];
        // Candidates whose legs share kinds share a risk class: the environment asks the risk engine once per class and step.
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            candLong[c] = cands.get(c)[0];
            candShort[c] = cands.get(c)[1];
            String key = instruments[candLong[c]].kind() + "/" + instruments[candShort[c]].kind();
            int k = classes.indexOf(key);
            if (k < 0) {
                classes.add(key);
                k = classes.size() - 1;
            }
            candRiskClass[c] = k;
        }
        riskClasses = classes.size();

        String[] assets = series.assets();
        int[] refLeg = new int[assets.length];
        Arrays.fill(refLeg, -1);
        for (int l = 0; l < legs; l++) {
            int a = series.assetOf(l);
            if (refLeg[a] < 0 || (!series.leg(refLeg[a]).pricesObserved() && series.leg(l).pricesObserved())) {
                refLeg[a] = l;
            }
        }
        hourlyVol = new double[assets.length][steps];
        double[][] halfSpread = new double[legs][steps];
        bidAskPct = new double[legs][steps];
        volume = new double[legs][steps];
        slotCandidate = new int[steps * slots];
        Arrays.fill(slotCandidate, -1);
        block = new float[steps * slots * EnvLayout.OPPORTUNITY_FEATURES];
        validCount = new int[steps];

        RollingWindows[] varWin = new RollingWindows[assets.length];
        for (int a = 0; a < assets.length; a++) {
            varWin[a] = new RollingWindows(w24);
        }
        RollingWindows[] diffWin = new RollingWindows[nc];
        RollingWindows[] spreadWin = new RollingWindows[nc];
        for (int c = 0; c < nc; c++) {
            diffWin[c] = new RollingWindows(w24, w72);
            spreadWin[c] = new RollingWindows(30, w24, w72);
        }
        double[] score = new double[nc];
        boolean[] valid = new boolean[nc];
        int[] top = new int[slots];
        double[] topScore = new double[slots];
        double[] observedVol = new double[legs];
        LiquidityModel lm = config.liquidity();
        double stepHours = config.stepHours();

        for (int t = 0; t < steps; t++) {
            // 1. hourly volatility of each asset: realised variance of the reference leg over 24 h, per hour
            for (int a = 0; a < assets.length; a++) {
                int l = refLeg[a];
                double r2 = Double.NaN;
                if (t > 0 && !Double.isNaN(series.mark(l, t)) && !Double.isNaN(series.mark(l, t - 1))) {
                    double r = Math.log(series.mark(l, t) / series.mark(l, t - 1));
                    r2 = r * r;
                }
                varWin[a].push(r2);
                hourlyVol[a][t] = varWin[a].count(0) == 0 ? Double.NaN
                        : Math.sqrt(varWin[a].sum(0) / (varWin[a].count(0) * stepHours));
            }
            // 2. liquidity: observed volume where there is one, else the median of the observed legs of the asset
            for (int l = 0; l < legs; l++) {
                double v = series.volume24hUsd(l, t);
                if (Double.isNaN(v)) {
                    v = medianObservedVolume(series, t, series.assetOf(l), observedVol);
                }
                volume[l][t] = v;
                double sigma = hourlyVol[series.assetOf(l)][t];
                double ba = Double.isNaN(v) || Double.isNaN(sigma) ? Double.NaN : lm.bidAskPct(v, sigma);
                bidAskPct[l][t] = ba;
                halfSpread[l][t] = ba / 100 / 2;
            }
            // 3. candidates: rolling differential and spread statistics, validity, score
            int nValid = 0;
            for (int c = 0; c < nc; c++) {
                int lo = candLong[c];
                int sh = candShort[c];
                double d = series.knownRate8h(sh, t) - series.knownRate8h(lo, t);
                double ml = series.mark(lo, t);
                double ms = series.mark(sh, t);
                double sp = (ms - ml) / ((ms + ml) / 2) * Opportunity.BP;
                diffWin[c].push(d);
                spreadWin[c].push(sp);
                valid[c] = false;
                if (t < warmupSteps || !(d > 0) || Double.isNaN(sp) || !diffWin[c].complete(0) || !diffWin[c].complete(1)
                        || !spreadWin[c].complete(0) || !spreadWin[c].complete(1) || !spreadWin[c].complete(2)
                        || Double.isNaN(bidAskPct[lo][t]) || Double.isNaN(bidAskPct[sh][t])) {
                    continue;
                }
                double v = Math.min(volume[lo][t], volume[sh][t]);
                double quality = (v >= config.qualityVolumeUsd() ? 1 : 0.5)
                        * (Math.max(bidAskPct[lo][t], bidAskPct[sh][t]) < config.qualityBidAskPct() ? 1 : 0.5);
                score[c] = diffWin[c].mean(0) * Opportunity.PERIODS_8H_PER_YEAR * quality;
                valid[c] = true;
                nValid++;
            }
            // 4. top slots by score (ties: lower candidate index first), encoded once
            int n = 0;
            for (int c = 0; c < nc; c++) {
                if (!valid[c]) {
                    continue;
                }
                double s = score[c];
                if (n == slots && s <= topScore[slots - 1]) {
                    continue;
                }
                int pos = n < slots ? n++ : slots - 1;
                while (pos > 0 && topScore[pos - 1] < s) {
                    top[pos] = top[pos - 1];
                    topScore[pos] = topScore[pos - 1];
                    pos--;
                }
                top[pos] = c;
                topScore[pos] = s;
            }
            validCount[t] = n;
            for (int i = 0; i < n; i++) {
                int c = top[i];
                slotCandidate[t * slots + i] = c;
                opportunity(c, t, diffWin[c], spreadWin[c]).encode(block, (t * slots + i) * EnvLayout.OPPORTUNITY_FEATURES);
            }
        }
        legSteps = new double[steps * legs * LEG_FIELDS];
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < legs; l++) {
                int o = (l * steps + t) * LEG_FIELDS;
                legSteps[o + MARK] = series.mark(l, t);
                legSteps[o + LOW] = series.low(l, t);
                legSteps[o + HIGH] = series.high(l, t);
                legSteps[o + RATE_SUM] = series.settledRateSum(l, t);
                legSteps[o + SETTLEMENTS] = series.settlements(l, t);
                legSteps[o + RATE_8H] = series.knownRate8h(l, t);
                legSteps[o + HALF_SPREAD] = halfSpread[l][t];
            }
        }
    }

    /** Builds the tape of {@code series} for environments with {@code config}. */
    public static MarketTape build(MarketSeries series, EnvConfig config) {
        if (series.stepMs() != config.stepHours() * 3_600_000L) {
            throw new IllegalArgumentException("market series steps of " + series.stepHours() + " h do not match step_hours "
                    + config.stepHours());
        }
        return new MarketTape(series, config);
    }

    private Opportunity opportunity(int c, int t, RollingWindows diff, RollingWindows spread) {
        int lo = candLong[c];
        int sh = candShort[c];
        LegMarket ll = series.leg(lo);
        LegMarket sl = series.leg(sh);
        double sigma = hourlyVol[series.assetOf(lo)][t];
        double v = Math.min(volume[lo][t], volume[sh][t]);
        double depth = Math.min(config.liquidity().depthUsd(volume[lo][t], sigma), config.liquidity().depthUsd(volume[sh][t], sigma));
        return new Opportunity(ll.asset(), ll.name(), sl.name(), series.knownRate(lo, t), series.knownRate(sh, t),
                ll.fundingIntervalHours(), sl.fundingIntervalHours(), diff.mean(0), diff.mean(1),
                spread.mean(0), spread.mean(1), spread.mean(2), spread.std(0), v, bidAskPct[lo][t], bidAskPct[sh][t], depth,
                instruments[lo].takerFeeRate(), instruments[sh].takerFeeRate());
    }

    /** The opportunity in slot {@code slot} at step {@code t} as a record (for reports and serving; the env copies the block). */
    public Opportunity opportunityAt(int t, int slot) {
        int c = candidateAt(t, slot);
        if (c < 0) {
            return null;
        }
        int w24 = Math.max(1, config.stepsIn(24));
        int w72 = Math.max(1, config.stepsIn(72));
        RollingWindows diff = new RollingWindows(w24, w72);
        RollingWindows spread = new RollingWindows(30, w24, w72);
        for (int k = Math.max(0, t - Math.max(w72, 30) + 1); k <= t; k++) {
            int lo = candLong[c];
            int sh = candShort[c];
            diff.push(series.knownRate8h(sh, k) - series.knownRate8h(lo, k));
            double ml = series.mark(lo, k);
            double ms = series.mark(sh, k);
            spread.push((ms - ml) / ((ms + ml) / 2) * Opportunity.BP);
        }
        return opportunity(c, t, diff, spread);
    }

    private static double medianObservedVolume(MarketSeries s, int t, int asset, double[] scratch) {
        int n = 0;
        for (int l = 0; l < s.legCount(); l++) {
            if (s.assetOf(l) == asset && s.leg(l).volumeObserved()) {
                double v = s.volume24hUsd(l, t);
                if (!Double.isNaN(v)) {
                    scratch[n++] = v;
                }
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(scratch, 0, n);
        return n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
    }

    public MarketSeries series() {
        return series;
    }

    public EnvConfig config() {
        return config;
    }

    public int steps() {
        return steps;
    }

    /** Steps before which opportunity statistics are incomplete; episodes start at or after it. */
    public int warmupSteps() {
        return warmupSteps;
    }

    public int candidateCount() {
        return candLong.length;
    }

    public int candidateLong(int c) {
        return candLong[c];
    }

    public int candidateShort(int c) {
        return candShort[c];
    }

    public int riskClass(int c) {
        return candRiskClass[c];
    }

    public int riskClasses() {
        return riskClasses;
    }

    public Instrument instrument(int leg) {
        return instruments[leg];
    }

    /** The candidate in opportunity slot {@code slot} at step t, or −1 when the slot is empty. */
    public int candidateAt(int t, int slot) {
        return slotCandidate[t * slots + slot];
    }

    public int validCount(int t) {
        return validCount[t];
    }

    /** Copies the encoded opportunity slots of step t (zeros where empty) into {@code out}. */
    public void copyOpportunities(int t, float[] out, int offset) {
        System.arraycopy(block, t * slots * EnvLayout.OPPORTUNITY_FEATURES, out, offset, slots * EnvLayout.OPPORTUNITY_FEATURES);
    }

    /** Half the modelled bid-ask spread of a leg at step t, as a fraction of the mid (what a taker pays each way). */
    public double halfSpread(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + HALF_SPREAD];
    }

    /** {@link MarketSeries#mark} from the packed records. */
    double mark(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + MARK];
    }

    /** {@link MarketSeries#low} from the packed records. */
    double low(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + LOW];
    }

    /** {@link MarketSeries#high} from the packed records. */
    double high(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + HIGH];
    }

    /** {@link MarketSeries#settledRateSum} from the packed records. */
    double settledRateSum(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + RATE_SUM];
    }

    /** Whether the leg settled funding in (t − 1, t] ({@link MarketSeries#settlements} &gt; 0). */
    boolean settled(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + SETTLEMENTS] > 0;
    }

    /** {@link MarketSeries#knownRate8h} from the packed records. */
    double knownRate8h(int leg, int t) {
        return legSteps[(leg * steps + t) * LEG_FIELDS + RATE_8H];
    }

    public double bidAskPct(int leg, int t) {
        return bidAskPct[leg][t];
    }

    /** 24 h volume used for the leg at step t (observed, or the documented fill-in). */
    public double volume24hUsd(int leg, int t) {
        return volume[leg][t];
    }

    /** Hourly volatility of an asset (index into {@link MarketSeries#assets()}) at step t. */
    public double hourlyVol(int asset, int t) {
        return hourlyVol[asset][t];
    }

    /** The kind pair of a risk class, e.g. {@code LINEAR_PERPETUAL/INVERSE_PERPETUAL}. */
    public String riskClassName(int k) {
        for (int c = 0; c < candLong.length; c++) {
            if (candRiskClass[c] == k) {
                return instruments[candLong[c]].kind() + "/" + instruments[candShort[c]].kind();
            }
        }
        throw new IllegalArgumentException("no risk class " + k);
    }

    /** The encoded opportunity blocks of every step (read-only: the environment points its state at them). */
    float[] blocks() {
        return block;
    }

    int blockOffset(int t) {
        return t * slots * EnvLayout.OPPORTUNITY_FEATURES;
    }
}
