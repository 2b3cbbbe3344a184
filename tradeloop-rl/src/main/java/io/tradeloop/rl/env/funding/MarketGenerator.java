package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.random.Rng;

import java.util.List;

/**
 * Generates markets for unlimited training episodes from {@link GeneratorParams} fitted to the real files
 * ({@link MarketCalibration}), hour by hour, every draw from the given seeded generator:
 * <ul>
 *   <li>each asset's price: log returns with a volatility that switches between a calm and a volatile regime
 *       (a market-wide Markov chain), plus rare market-wide jumps; shocks correlated across assets;</li>
 *   <li>each asset's common funding rate: a level that switches between a low and a high regime plus an AR(1);
 *       each venue's rate = common + its own mean offset + its own AR(1) with Student-t shocks (spikes); it settles at the venue's own hours
 *       (hourly venues with the noise of each settlement), exactly at its pinned rate (1 bp) when within the
 *       venue's band of it, as funding formulas clamp small premia to the interest rate;</li>
 *   <li>each venue's price = asset price × (1 + kappa × (its rate − the venues' mean rate) + its AR(1)
 *       deviation), inverse perpetuals with their own deviation;</li>
 *   <li>24 h volume as an AR(1) in log10 for venues whose volume the data has (none for the others, as in the data).</li>
 * </ul>
 * Steps sample the hourly path; a step's low and high are the extremes of its hours.
 */
public final class MarketGenerator {
    private static final long HOUR = 3_600_000L;

    private MarketGenerator() {
    }

    /** A market of {@code steps} steps of {@code stepHours} from {@code startMs} (which should be a multiple of 8 h). */
    public static MarketSeries generate(GeneratorParams p, Rng rng, long startMs, int steps, int stepHours) {
        MarketSeries.Builder b = MarketSeries.builder(startMs, stepHours * HOUR, steps);
        List<GeneratorParams.AssetParams> assets = p.assets();
        int na = assets.size();
        int[][] legIndex = new int[na][];
        for (int a = 0; a < na; a++) {
            List<GeneratorParams.LegParams> legs = assets.get(a).legs();
            legIndex[a] = new int[legs.size()];
            for (int l = 0; l < legs.size(); l++) {
                legIndex[a][l] = b.addLeg(legs.get(l).leg());
            }
        }
        // state, started from the stationary distributions
        double[] price = new double[na];
        boolean[] volHigh = new boolean[na];
        boolean[] fundHigh = new boolean[na];
        double[] fundDev = new double[na];
        double[][] rateDev = new double[na][];
        double[][] basisDev = new double[na][];
        double[][] logVol = new double[na][];
        double[][] stepLow = new double[na][];
        double[][] stepHigh = new double[na][];
        double[][] rate8h = new double[na][];
        for (int a = 0; a < na; a++) {
            var ap = assets.get(a);
            price[a] = ap.startPrice();
            volHigh[a] = rng.nextDouble() < stationaryHigh(ap.price());
            fundHigh[a] = rng.nextDouble() < stationaryHigh(ap.funding());
            fundDev[a] = ap.funding().sigmaLow() * rng.nextGaussian();
            int nl = ap.legs().size();
            rateDev[a] = new double[nl];
            basisDev[a] = new double[nl];
            logVol[a] = new double[nl];
            stepLow[a] = new double[nl];
            stepHigh[a] = new double[nl];
            rate8h[a] = new double[nl];
            for (int l = 0; l < nl; l++) {
                var lp = ap.legs().get(l);
                rateDev[a][l] = lp.rate().mean() + lp.rate().sigma() * rng.nextGaussian();
                var bp = basis(ap, lp);
                basisDev[a][l] = bp.mean() + bp.sigma() * rng.nextGaussian();
                logVol[a][l] = lp.logVolume().mean() + lp.logVolume().sigma() * rng.nextGaussian();
            }
        }
        double rho = p.returnCorrelation();
        int hours = (steps - 1) * stepHours;
        boolean marketVolHigh = volHigh[0];
        for (int h = 0; h <= hours; h++) {
            long time = startMs + h * HOUR;
            double z0 = rng.nextGaussian();
            double z1 = rng.nextGaussian();
            boolean jump = false;
            double j0 = 0;
            double j1 = 0;
            if (h > 0) {
                marketVolHigh = switchRegime(marketVolHigh, assets.get(0).price(), rng);
                jump = rng.nextDouble() < p.jumpProbability();
                if (jump) {
                    j0 = rng.nextGaussian();
                    j1 = rng.nextGaussian();
                }
            }
            for (int a = 0; a < na; a++) {
                var ap = assets.get(a);
                if (h > 0) {
                    double sigma = marketVolHigh ? ap.price().sigmaHigh() : ap.price().sigmaLow();
                    double z = a == 0 ? z0 : rho * z0 + Math.sqrt(Math.max(0, 1 - rho * rho)) * z1;
                    double r = sigma * z - sigma * sigma / 2;
                    if (jump) {
                        double zj = a == 0 ? j0 : rho * j0 + Math.sqrt(Math.max(0, 1 - rho * rho)) * j1;
                        r += ap.jumpSigma() * zj - ap.jumpSigma() * ap.jumpSigma() / 2;
                    }
                    price[a] *= Math.exp(r);
                    fundHigh[a] = switchRegime(fundHigh[a], ap.funding(), rng);
                    double phi = ap.funding().phi();
                    fundDev[a] = phi * fundDev[a] + ap.funding().sigmaLow() * Math.sqrt(1 - phi * phi) * rng.nextGaussian();
                }
                double common = (fundHigh[a] ? ap.funding().levelHigh() : ap.funding().levelLow()) + fundDev[a];
                int nl = ap.legs().size();
                double meanRate = 0;
                for (int l = 0; l < nl; l++) {
                    var lp = ap.legs().get(l);
                    if (h > 0) {
                        rateDev[a][l] = lp.rate().step(rateDev[a][l], studentT(rng, lp.rateTailDf()));
                        basisDev[a][l] = basis(ap, lp).step(basisDev[a][l], rng.nextGaussian());
                        logVol[a][l] = lp.logVolume().step(logVol[a][l], rng.nextGaussian());
                    }
                    rate8h[a][l] = common + rateDev[a][l];
                    meanRate += rate8h[a][l];
                }
                meanRate /= nl;
                int hourOfDay = (int) ((time / HOUR) % 24);
                for (int l = 0; l < nl; l++) {
                    var lp = ap.legs().get(l);
                    int leg = legIndex[a][l];
                    double m = price[a] * (1 + ap.basisKappa() * (rate8h[a][l] - meanRate) + basisDev[a][l]);
                    boolean firstHourOfStep = h == 0 || (h - 1) % stepHours == 0; // step t covers hours (t−1)k+1 … tk
                    stepLow[a][l] = firstHourOfStep ? m : Math.min(stepLow[a][l], m);
                    stepHigh[a][l] = firstHourOfStep ? m : Math.max(stepHigh[a][l], m);
                    int interval = (int) Math.round(lp.leg().fundingIntervalHours());
                    if (h > 0 && Math.floorMod(hourOfDay - lp.settleOffsetHours(), interval) == 0) {
                        double r = lp.settle(rate8h[a][l] + (interval < 8 ? lp.hourlyNoise() * rng.nextGaussian() : 0));
                        b.settle(leg, time, Math.max(-0.05, Math.min(0.05, r * interval / 8.0)));
                    }
                    if (h % stepHours == 0) {
                        int t = h / stepHours;
                        b.price(leg, t, m, stepLow[a][l], stepHigh[a][l]);
                        if (!Double.isNaN(lp.logVolume().mean())) {
                            b.volume(leg, t, Math.pow(10, logVol[a][l]));
                        }
                    }
                }
            }
        }
        return b.build();
    }

    /** A Student-t draw scaled to unit variance (a normal one for infinite degrees of freedom). */
    static double studentT(Rng rng, double df) {
        double z = rng.nextGaussian();
        if (Double.isInfinite(df)) {
            return z;
        }
        double chi2 = 2 * gamma(rng, df / 2);
        return z / Math.sqrt(chi2 / df) * Math.sqrt((df - 2) / df);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), boosted for shape below 1. */
    static double gamma(Rng rng, double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    private static GeneratorParams.Ar1 basis(GeneratorParams.AssetParams ap, GeneratorParams.LegParams lp) {
        return lp.leg().kind() == InstrumentKind.INVERSE_PERPETUAL ? ap.inverseBasis() : ap.linearBasis();
    }

    private static double stationaryHigh(GeneratorParams.RegimeAr r) {
        double s = r.pLowToHigh() + r.pHighToLow();
        return s <= 0 ? 0.5 : r.pLowToHigh() / s;
    }

    private static boolean switchRegime(boolean high, GeneratorParams.RegimeAr r, Rng rng) {
        double u = rng.nextDouble();
        return high ? u >= r.pHighToLow() : u < r.pLowToHigh();
    }
}
