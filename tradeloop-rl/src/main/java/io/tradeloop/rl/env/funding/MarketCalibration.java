package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.random.Rng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the {@link MarketGenerator} to a real {@link MarketSeries} on an 8-hour grid, and compares generated
 * markets with the real one statistic by statistic ({@link #compare}).
 *
 * <p>Prices: 8-hour log returns split into a calm and a volatile regime by their 24 h realised volatility
 * (above or below its median); each regime's volatility, the switching rates from the regimes' run lengths,
 * the assets' return correlation and market-wide jumps (returns beyond 3 regime deviations). Funding: the venues' mean 8-hour rate is the asset's common rate; its
 * 3-day mean above or below its median defines a low and a high funding regime (levels, switching rates), the
 * deviation from the regime level is an AR(1); each venue's rate minus the common rate is its own AR(1) with
 * a mean offset (venues settling hourly also get the noise of each settlement). Spreads: each measured
 * linear perpetual's price deviation from the others' mean is regressed on its funding deviation, the rest is
 * an AR(1); inverse perpetuals get their own deviation. Volume: log10 of 24 h volume per measured venue as an
 * AR(1). An AR(1) coefficient phi measured 8 hours apart becomes phi^(1/8) per hour.
 */
public final class MarketCalibration {
    /** An 8-hour return beyond this many regime standard deviations counts as a jump. */
    static final double JUMP_SIGMAS = 3;

    private MarketCalibration() {
    }

    public static GeneratorParams fit(MarketSeries real, long fromMs, long toMs) {
        MarketStatistics.Grid g = new MarketStatistics.Grid(real, fromMs, toMs);
        if (g.steps.length < 60) {
            throw new IllegalArgumentException("calibration needs at least 20 days of data in the window, got " + g.steps.length + " 8-hour samples");
        }
        String[] assets = real.assets();
        List<GeneratorParams.AssetParams> out = new ArrayList<>();
        // the volatility regime is market-wide: every asset's returns are split by the first asset's 24 h volatility
        double[] regimeSignal = SeriesStats.rollingRms(g.returns(0), MarketStatistics.DAY);
        // jumps: 8-hour returns beyond 3 regime standard deviations, counted over all assets at once
        int samples = g.returns(0).length;
        boolean[] jump = new boolean[samples];
        for (int a = 0; a < assets.length; a++) {
            double[] r = g.returns(a);
            GeneratorParams.RegimeAr first = regimes(r, regimeSignal, true, null);
            double th = SeriesStats.median(regimeSignal);
            for (int i = 0; i < samples; i++) {
                double sigma8 = Math.sqrt(8) * (regimeSignal[i] > th ? first.sigmaHigh() : first.sigmaLow());
                if (!Double.isNaN(r[i]) && !Double.isNaN(regimeSignal[i]) && Math.abs(r[i]) > JUMP_SIGMAS * sigma8) {
                    jump[i] = true;
                }
            }
        }
        int jumps = 0;
        for (boolean j : jump) {
            if (j) jumps++;
        }
        double jumpProbability = 1 - Math.pow(1 - (double) jumps / Math.max(1, samples), 1.0 / 8);
        for (int a = 0; a < assets.length; a++) {
            double[] r = g.returns(a);
            GeneratorParams.RegimeAr price = regimes(r, regimeSignal, true, jump);
            double jumpSq = 0;
            for (int i = 0; i < samples; i++) {
                if (jump[i]) {
                    jumpSq += r[i] * r[i];
                }
            }
            double jumpSigma = jumps == 0 ? 0 : Math.sqrt(jumpSq / jumps);
            double[] common = g.commonRate(a);
            GeneratorParams.RegimeAr funding = regimes(common, SeriesStats.rollingMean(common, MarketStatistics.THREE_DAYS), false, null);
            List<GeneratorParams.LegParams> legs = new ArrayList<>();
            List<Integer> linear = new ArrayList<>();
            List<Integer> inverse = new ArrayList<>();
            for (int l = 0; l < real.legCount(); l++) {
                if (real.assetOf(l) != a) continue;
                LegMarket lm = real.leg(l);
                if (lm.pricesObserved()) {
                    (lm.kind() == InstrumentKind.LINEAR_PERPETUAL ? linear : inverse).add(l);
                }
                legs.add(legParams(real, g, l, common));
            }
            double startPrice = real.mark(g.priceLeg(a), g.steps[0]);
            double[] kappa = {0};
            GeneratorParams.Ar1 linearBasis = linearBasis(real, g, linear, kappa);
            GeneratorParams.Ar1 inverseBasis = inverseBasis(real, g, linear, inverse, linearBasis);
            out.add(new GeneratorParams.AssetParams(assets[a], startPrice, price, funding, linearBasis, inverseBasis, kappa[0],
                    jumpSigma, legs));
        }
        double rho = assets.length >= 2 ? SeriesStats.corr(g.returns(0), g.returns(1)) : 0;
        GeneratorParams unpinned = new GeneratorParams(fromMs, toMs, Double.isNaN(rho) ? 0 : rho, jumpProbability, out);
        return withPinBands(unpinned, real, g, fromMs, toMs);
    }

    /**
     * Second pass: generate a long unpinned path and, per venue, pick the band around its pinned rate that holds
     * the same share of settlements as the data pins (a fixed internal seed: calibration is deterministic).
     */
    private static GeneratorParams withPinBands(GeneratorParams p, MarketSeries real, MarketStatistics.Grid g, long fromMs, long toMs) {
        int hours = (int) Math.min(24 * 366 * 2, Math.max(24 * 90, 4 * (toMs - fromMs) / 3_600_000L));
        MarketSeries sim = MarketGenerator.generate(p, new Rng(0x5EEDL), fromMs - fromMs % (8 * 3_600_000L), hours, 1);
        List<GeneratorParams.AssetParams> assets = new ArrayList<>();
        int simLeg = 0;
        for (var ap : p.assets()) {
            List<GeneratorParams.LegParams> legs = new ArrayList<>();
            for (var lp : ap.legs()) {
                int leg = simLeg++;
                if (Double.isNaN(lp.pinnedRate())) {
                    legs.add(lp);
                    continue;
                }
                double share = pinnedShare(real, g, lp);
                List<Double> dist = new ArrayList<>();
                for (int t = 0; t < sim.steps(); t++) {
                    if (sim.settlements(leg, t) > 0) {
                        dist.add(Math.abs(sim.knownRate8h(leg, t) - lp.pinnedRate()));
                    }
                }
                double[] d = dist.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double band = d.length == 0 || share <= 0 ? 0 : d[Math.min(d.length - 1, (int) Math.floor(share * d.length))];
                legs.add(lp.withPinBand(band));
            }
            assets.add(new GeneratorParams.AssetParams(ap.asset(), ap.startPrice(), ap.price(), ap.funding(), ap.linearBasis(),
                    ap.inverseBasis(), ap.basisKappa(), ap.jumpSigma(), legs));
        }
        return new GeneratorParams(p.fitFromMs(), p.fitToMs(), p.returnCorrelation(), p.jumpProbability(), assets);
    }

    /** Share of the leg's settlements in the window that sit exactly at its pinned rate. */
    private static double pinnedShare(MarketSeries s, MarketStatistics.Grid g, GeneratorParams.LegParams lp) {
        int leg = -1;
        for (int l = 0; l < s.legCount(); l++) {
            if (s.leg(l).equals(lp.leg())) {
                leg = l;
            }
        }
        int n = 0;
        int pinned = 0;
        for (int t = g.steps[0]; t <= g.steps[g.steps.length - 1]; t++) {
            if (s.settlements(leg, t) > 0) {
                n++;
                if (Math.abs(s.knownRate8h(leg, t) - lp.pinnedRate()) < 1e-10) {
                    pinned++;
                }
            }
        }
        return n == 0 ? 0 : (double) pinned / n;
    }

    /**
     * Regimes of {@code x} split at the median of {@code signal}. For prices ({@code returns}) the levels are 0 and
     * the sigmas the regimes' hourly return volatilities; otherwise the levels are the regimes' means of x and
     * the sigmas the stationary deviation from them, with phi the hourly autocorrelation of that deviation.
     */
    private static GeneratorParams.RegimeAr regimes(double[] x, double[] signal, boolean returns, boolean[] exclude) {
        double th = SeriesStats.median(signal);
        int n = Math.min(x.length, signal.length);
        double[] lo = new double[n];
        double[] hi = new double[n];
        int[] label = new int[n];
        int stayLow = 0, stayHigh = 0, upLow = 0, downHigh = 0;
        for (int i = 0; i < n; i++) {
            lo[i] = Double.NaN;
            hi[i] = Double.NaN;
            if (Double.isNaN(signal[i]) || Double.isNaN(x[i])) {
                label[i] = 0;
                continue;
            }
            label[i] = signal[i] > th ? 2 : 1;
            if (exclude == null || !exclude[i]) {
                (label[i] == 2 ? hi : lo)[i] = x[i];
            }
            if (i > 0 && label[i - 1] != 0) {
                if (label[i - 1] == 1) {
                    if (label[i] == 2) upLow++; else stayLow++;
                } else {
                    if (label[i] == 1) downHigh++; else stayHigh++;
                }
            }
        }
        double pUp8 = (double) upLow / Math.max(1, upLow + stayLow);
        double pDown8 = (double) downHigh / Math.max(1, downHigh + stayHigh);
        double pUp = 1 - Math.pow(1 - pUp8, 1.0 / 8);
        double pDown = 1 - Math.pow(1 - pDown8, 1.0 / 8);
        if (returns) {
            return new GeneratorParams.RegimeAr(0, 0, SeriesStats.sd(lo) / Math.sqrt(8), SeriesStats.sd(hi) / Math.sqrt(8), pUp, pDown, 0);
        }
        double levelLow = SeriesStats.mean(lo);
        double levelHigh = SeriesStats.mean(hi);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = label[i] == 0 ? Double.NaN : x[i] - (label[i] == 2 ? levelHigh : levelLow);
        }
        double sd = SeriesStats.sd(dev);
        return new GeneratorParams.RegimeAr(levelLow, levelHigh, sd, sd, pUp, pDown, hourlyPhi(SeriesStats.ac1(dev)));
    }

    static double hourlyPhi(double phi8h) {
        if (Double.isNaN(phi8h) || phi8h <= 0) {
            return 0;
        }
        return Math.min(0.9999, Math.pow(Math.min(phi8h, 0.999), 1.0 / 8));
    }

    private static GeneratorParams.LegParams legParams(MarketSeries s, MarketStatistics.Grid g, int l, double[] common) {
        LegMarket lm = s.leg(l);
        int interval = (int) Math.round(lm.fundingIntervalHours());
        double noise = 0;
        double[] x = new double[g.steps.length];
        if (interval < 8) {
            // hourly venue: the 8-hour level is the mean of the last 8 settled rates; the noise of each settlement from first differences
            double[] hourly = new double[g.steps.length * 8];
            int n = 0;
            double sumSq = 0;
            int k = 0;
            for (int i = 0; i < g.steps.length; i++) {
                double sum = 0;
                int c = 0;
                for (int h = 0; h < 8; h++) {
                    int t = g.steps[i] - h * (int) Math.round(1 / s.stepHours());
                    if (t < 1) continue;
                    double v = s.knownRate8h(l, t);
                    double prev = s.knownRate8h(l, t - 1);
                    if (!Double.isNaN(v)) {
                        sum += v;
                        c++;
                    }
                    if (!Double.isNaN(v) && !Double.isNaN(prev) && s.stepHours() == 1) {
                        sumSq += (v - prev) * (v - prev);
                        k++;
                    }
                }
                x[i] = c == 8 ? sum / 8 : Double.NaN;
            }
            noise = k == 0 ? 0 : Math.sqrt(sumSq / k / 2);
        } else {
            for (int i = 0; i < g.steps.length; i++) {
                x[i] = s.knownRate8h(l, g.steps[i]);
            }
        }
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = x[i] - common[i];
        }
        double mean = SeriesStats.mean(e);
        int offset = 0;
        for (int t = g.steps[0]; t < s.steps(); t++) {
            if (s.settlements(l, t) > 0) {
                offset = (int) ((s.timeMs(t) / 3_600_000L) % interval);
                break;
            }
        }
        GeneratorParams.Ar1 vol = new GeneratorParams.Ar1(Double.NaN, 0, 0);
        if (lm.volumeObserved()) {
            double[] v = new double[g.steps.length];
            for (int i = 0; i < v.length; i++) {
                double vv = s.volume24hUsd(l, g.steps[i]);
                v[i] = vv > 0 ? Math.log10(vv) : Double.NaN;
            }
            vol = new GeneratorParams.Ar1(SeriesStats.mean(v), hourlyPhi(SeriesStats.ac1(v)), SeriesStats.sd(v));
        }
        double phi8 = SeriesStats.ac1(e);
        double[] shock = new double[e.length];
        shock[0] = Double.NaN;
        for (int i = 1; i < e.length; i++) {
            shock[i] = (e[i] - mean) - phi8 * (e[i - 1] - mean);
        }
        return new GeneratorParams.LegParams(lm, offset, new GeneratorParams.Ar1(mean, hourlyPhi(phi8), SeriesStats.sd(e)),
                noise, vol, pinnedRate(s, g, l), 0, tailDf(SeriesStats.excessKurtosis(shock)));
    }

    /**
     * Degrees of freedom of hourly Student-t shocks whose 8-hour sums have excess kurtosis {@code kurtosis8h}: a sum of
     * 8 shocks has 1/8 of their excess kurtosis, and a t with df degrees has 6 / (df − 4).
     */
    static double tailDf(double kurtosis8h) {
        if (Double.isNaN(kurtosis8h) || kurtosis8h < 0.05) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(4.05, Math.min(200, 4 + 6 / (8 * kurtosis8h)));
    }

    /**
     * The rate a venue keeps settling at exactly (the most frequent 8-hour rate when it holds at least 5% of the
     * settlements: the interest component, 1 bp on most venues), or NaN.
     */
    private static double pinnedRate(MarketSeries s, MarketStatistics.Grid g, int leg) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        int n = 0;
        for (int t = g.steps[0]; t <= g.steps[g.steps.length - 1]; t++) {
            if (s.settlements(leg, t) > 0) {
                counts.merge(Math.round(s.knownRate8h(leg, t) * 1e10), 1, Integer::sum);
                n++;
            }
        }
        var mode = counts.entrySet().stream().max(Map.Entry.comparingByValue());
        return mode.isPresent() && mode.get().getValue() >= 0.05 * n ? mode.get().getKey() / 1e10 : Double.NaN;
    }

    /** Leave-one-out price deviations of the measured linear legs, regressed on their funding deviations. */
    private static GeneratorParams.Ar1 linearBasis(MarketSeries s, MarketStatistics.Grid g, List<Integer> linear, double[] kappaOut) {
        if (linear.size() < 2) {
            kappaOut[0] = 0;
            return new GeneratorParams.Ar1(0, 0.9, 5e-4);
        }
        int n = g.steps.length;
        double[][] dev = new double[linear.size()][n];
        double[][] rdev = new double[linear.size()][n];
        double sxx = 0, sxy = 0;
        for (int v = 0; v < linear.size(); v++) {
            for (int i = 0; i < n; i++) {
                int t = g.steps[i];
                double pm = 0, rm = 0;
                for (int w = 0; w < linear.size(); w++) {
                    if (w != v) {
                        pm += s.mark(linear.get(w), t);
                        rm += s.knownRate8h(linear.get(w), t);
                    }
                }
                pm /= linear.size() - 1;
                rm /= linear.size() - 1;
                dev[v][i] = s.mark(linear.get(v), t) / pm - 1;
                rdev[v][i] = s.knownRate8h(linear.get(v), t) - rm;
                if (!Double.isNaN(dev[v][i]) && !Double.isNaN(rdev[v][i])) {
                    sxx += rdev[v][i] * rdev[v][i];
                    sxy += rdev[v][i] * dev[v][i];
                }
            }
        }
        double kappa = sxx > 0 ? sxy / sxx : 0;
        kappaOut[0] = kappa;
        double acSum = 0;
        double sdSum = 0;
        for (int v = 0; v < linear.size(); v++) {
            double[] res = new double[n];
            for (int i = 0; i < n; i++) {
                res[i] = dev[v][i] - kappa * rdev[v][i];
            }
            acSum += SeriesStats.ac1(res);
            sdSum += SeriesStats.sd(res);
        }
        // a leave-one-out deviation of one of k venues has variance (1 + 1/(k−1)) × a venue's own: scale back
        int k = linear.size();
        double own = sdSum / k / Math.sqrt(1 + 1.0 / (k - 1));
        return new GeneratorParams.Ar1(0, hourlyPhi(acSum / k), own);
    }

    private static GeneratorParams.Ar1 inverseBasis(MarketSeries s, MarketStatistics.Grid g, List<Integer> linear, List<Integer> inverse,
                                                    GeneratorParams.Ar1 fallback) {
        if (inverse.isEmpty() || linear.isEmpty()) {
            return fallback;
        }
        int n = g.steps.length;
        double mSum = 0, acSum = 0, sdSum = 0;
        for (int inv : inverse) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                int t = g.steps[i];
                double pm = 0;
                for (int l : linear) {
                    pm += s.mark(l, t);
                }
                d[i] = s.mark(inv, t) / (pm / linear.size()) - 1;
            }
            mSum += SeriesStats.mean(d);
            acSum += SeriesStats.ac1(d);
            sdSum += SeriesStats.sd(d);
        }
        int k = inverse.size();
        return new GeneratorParams.Ar1(mSum / k, hourlyPhi(acSum / k), sdSum / k);
    }

    /** One statistic: the real value and the generated paths' mean and standard deviation. */
    public record Row(String statistic, double real, double generatedMean, double generatedSd) {
    }

    /**
     * Measures the real window and {@code paths} generated markets of the same length (seeded) with
     * {@link MarketStatistics}, statistic by statistic.
     */
    public static List<Row> compare(MarketSeries real, long fromMs, long toMs, GeneratorParams params, int paths, long seed) {
        MarketStatistics.Thresholds th = MarketStatistics.thresholds(real, fromMs, toMs);
        Map<String, Double> r = MarketStatistics.measure(real, fromMs, toMs, th);
        int hours = (int) ((toMs - fromMs) / 3_600_000L);
        Map<String, double[]> gen = new LinkedHashMap<>();
        Rng rng = new Rng(seed);
        for (int p = 0; p < paths; p++) {
            MarketSeries s = MarketGenerator.generate(params, rng.split(), fromMs, hours, 1);
            Map<String, Double> m = MarketStatistics.measure(s, fromMs, toMs, th);
            for (var e : m.entrySet()) {
                gen.computeIfAbsent(e.getKey(), k -> new double[paths])[p] = e.getValue();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (var e : r.entrySet()) {
            double[] v = gen.get(e.getKey());
            rows.add(new Row(e.getKey(), e.getValue(), v == null ? Double.NaN : SeriesStats.mean(v), v == null ? Double.NaN : SeriesStats.sd(v)));
        }
        return rows;
    }

    /** The comparison as a Markdown table. */
    public static String markdown(List<Row> rows, int paths) {
        StringBuilder sb = new StringBuilder();
        sb.append("| statistic | real | generated (mean ± sd over ").append(paths).append(" paths) |\n|---|---:|---:|\n");
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s ± %s |%n", row.statistic(), fmt(row.real()), fmt(row.generatedMean()),
                    fmt(row.generatedSd())));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : a >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
