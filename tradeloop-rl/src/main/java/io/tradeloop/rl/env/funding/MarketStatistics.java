package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.InstrumentKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics the generator is calibrated to and judged by, measured the same way on any
 * {@link MarketSeries} (real or generated) on an 8-hour grid: price volatility, tails, cross-asset
 * correlation and volatility regimes; funding level, volatility, autocorrelation, cross-venue correlation
 * and regimes; funding differentials between venues; price spreads between venues.
 */
public final class MarketStatistics {
    /** Samples per 24 h and per 3 days on the 8-hour grid. */
    static final int DAY = 3;
    static final int THREE_DAYS = 9;

    private MarketStatistics() {
    }

    /**
     * Thresholds that split regimes, taken from the real market so generated paths are judged by the same line.
     *
     * @param volThreshold     per asset: 24 h realised 8-hour volatility above this is the volatile regime
     * @param fundingThreshold per asset: 3-day mean of the venues' mean funding (8 h) above this is the high regime
     */
    public record Thresholds(double[] volThreshold, double[] fundingThreshold) {
    }

    /** The medians of the real market. */
    public static Thresholds thresholds(MarketSeries s, long fromMs, long toMs) {
        int assets = s.assets().length;
        double[] vol = new double[assets];
        double[] fund = new double[assets];
        Grid g = new Grid(s, fromMs, toMs);
        for (int a = 0; a < assets; a++) {
            vol[a] = SeriesStats.median(SeriesStats.rollingRms(g.returns(a), DAY));
            fund[a] = SeriesStats.median(SeriesStats.rollingMean(g.commonRate(a), THREE_DAYS));
        }
        return new Thresholds(vol, fund);
    }

    /** Named statistics in a stable order ({@code BTC price 8h return sd (%)} → value). */
    public static Map<String, Double> measure(MarketSeries s, long fromMs, long toMs, Thresholds th) {
        Map<String, Double> out = new LinkedHashMap<>();
        Grid g = new Grid(s, fromMs, toMs);
        String[] assets = s.assets();
        double hoursPerSample = 8;
        for (int a = 0; a < assets.length; a++) {
            String n = assets[a];
            double[] r = g.returns(a);
            out.put(n + " price: 8h log-return sd (%)", 100 * SeriesStats.sd(r));
            out.put(n + " price: 8h return excess kurtosis", SeriesStats.excessKurtosis(r));
            double[] vol = SeriesStats.rollingRms(r, DAY);
            out.put(n + " price: share of time in the volatile regime", SeriesStats.fractionAbove(vol, th.volThreshold()[a]));
            out.put(n + " price: mean volatility-regime duration (h)", hoursPerSample * SeriesStats.meanRunLength(vol, th.volThreshold()[a]));
            double[][] rates = g.rates(a);
            double m = 0;
            double sd = 0;
            double ac = 0;
            for (double[] x : rates) {
                m += SeriesStats.mean(x);
                sd += SeriesStats.sd(x);
                ac += SeriesStats.ac1(x);
            }
            out.put(n + " funding: mean rate (bp / 8h), venue average", 1e4 * m / rates.length);
            out.put(n + " funding: rate sd (bp / 8h), venue average", 1e4 * sd / rates.length);
            out.put(n + " funding: lag-1 (8h) autocorrelation, venue average", ac / rates.length);
            double corr = 0;
            int pairs = 0;
            double dAbs = 0;
            double dSd = 0;
            double dAc = 0;
            for (int i = 0; i < rates.length; i++) {
                for (int j = i + 1; j < rates.length; j++) {
                    corr += SeriesStats.corr(rates[i], rates[j]);
                    double[] d = new double[rates[i].length];
                    double abs = 0;
                    int k = 0;
                    for (int t = 0; t < d.length; t++) {
                        d[t] = rates[j][t] - rates[i][t];
                        if (!Double.isNaN(d[t])) {
                            abs += Math.abs(d[t]);
                            k++;
                        }
                    }
                    dAbs += k == 0 ? 0 : abs / k;
                    dSd += SeriesStats.sd(d);
                    dAc += SeriesStats.ac1(d);
                    pairs++;
                }
            }
            out.put(n + " funding: cross-venue correlation, pair average", corr / pairs);
            out.put(n + " differential: mean abs(short - long) (bp / 8h), pair average", 1e4 * dAbs / pairs);
            out.put(n + " differential: sd (bp / 8h), pair average", 1e4 * dSd / pairs);
            out.put(n + " differential: lag-1 autocorrelation, pair average", dAc / pairs);
            double[] common = SeriesStats.rollingMean(g.commonRate(a), THREE_DAYS);
            out.put(n + " funding: share of time in the high-funding regime", SeriesStats.fractionAbove(common, th.fundingThreshold()[a]));
            out.put(n + " funding: mean funding-regime duration (h)", hoursPerSample * SeriesStats.meanRunLength(common, th.fundingThreshold()[a]));
            double[][] spreads = g.linearSpreads(a);
            double ssd = 0;
            double sac = 0;
            for (double[] x : spreads) {
                ssd += SeriesStats.sd(x);
                sac += SeriesStats.ac1(x);
            }
            out.put(n + " spread: price spread sd between linear perpetuals (bp), pair average", ssd / spreads.length);
            out.put(n + " spread: price spread lag-1 autocorrelation, pair average", sac / spreads.length);
        }
        if (assets.length >= 2) {
            out.put(assets[0] + "-" + assets[1] + " price: 8h return correlation", SeriesStats.corr(g.returns(0), g.returns(1)));
        }
        return out;
    }

    /** The series sampled every 8 hours in [from, to). */
    static final class Grid {
        final MarketSeries s;
        final int[] steps;

        Grid(MarketSeries s, long fromMs, long toMs) {
            this.s = s;
            List<Integer> idx = new ArrayList<>();
            for (int t = s.stepAtOrAfter(fromMs); t < s.steps() && s.timeMs(t) < toMs; t++) {
                if (s.timeMs(t) % (8 * 3_600_000L) == 0) {
                    idx.add(t);
                }
            }
            steps = idx.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The first leg of the asset with observed prices (else the first leg). */
        int priceLeg(int asset) {
            int first = -1;
            for (int l = 0; l < s.legCount(); l++) {
                if (s.assetOf(l) == asset) {
                    if (s.leg(l).pricesObserved()) {
                        return l;
                    }
                    if (first < 0) first = l;
                }
            }
            return first;
        }

        double[] returns(int asset) {
            int l = priceLeg(asset);
            double[] r = new double[Math.max(0, steps.length - 1)];
            for (int i = 1; i < steps.length; i++) {
                r[i - 1] = Math.log(s.mark(l, steps[i]) / s.mark(l, steps[i - 1]));
            }
            return r;
        }

        double[][] rates(int asset) {
            List<double[]> out = new ArrayList<>();
            for (int l = 0; l < s.legCount(); l++) {
                if (s.assetOf(l) != asset) continue;
                double[] x = new double[steps.length];
                for (int i = 0; i < steps.length; i++) {
                    x[i] = s.knownRate8h(l, steps[i]);
                }
                out.add(x);
            }
            return out.toArray(new double[0][]);
        }

        double[] commonRate(int asset) {
            double[][] r = rates(asset);
            double[] c = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                double sum = 0;
                int n = 0;
                for (double[] x : r) {
                    if (!Double.isNaN(x[i])) {
                        sum += x[i];
                        n++;
                    }
                }
                c[i] = n == 0 ? Double.NaN : sum / n;
            }
            return c;
        }

        /** Spreads (bp) between every pair of measured linear perpetuals of the asset (all linear legs if none is measured). */
        double[][] linearSpreads(int asset) {
            List<Integer> legs = new ArrayList<>();
            for (int l = 0; l < s.legCount(); l++) {
                if (s.assetOf(l) == asset && s.leg(l).kind() == InstrumentKind.LINEAR_PERPETUAL && s.leg(l).pricesObserved()) {
                    legs.add(l);
                }
            }
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < legs.size(); i++) {
                for (int j = i + 1; j < legs.size(); j++) {
                    double[] x = new double[steps.length];
                    for (int k = 0; k < steps.length; k++) {
                        x[k] = (s.mark(legs.get(j), steps[k]) / s.mark(legs.get(i), steps[k]) - 1) * 1e4;
                    }
                    out.add(x);
                }
            }
            return out.toArray(new double[0][]);
        }
    }
}
