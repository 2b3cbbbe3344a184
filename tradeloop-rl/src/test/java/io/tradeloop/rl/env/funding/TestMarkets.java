package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.random.Rng;

/** Small markets for tests: a hand-made two-leg market and seeded random multi-venue markets. */
public final class TestMarkets {
    public static final long T0 = 1_672_531_200_000L; // 2023-01-01T00:00Z
    public static final long HOUR = 3_600_000L;

    private TestMarkets() {
    }

    /** Bid-ask fixed at 0.02% (half-spread 0.0001) whatever the volume, so costs are easy to work by hand. */
    public static EnvConfig handConfig() {
        return EnvConfig.defaults().withEntryLeverage(TradingConfig.EntryLeverage.MAX_LEVERAGE)
                .withLiquidity(new LiquidityModel(0.063, 0.01, 0.005, 0.02, 0.02));
    }

    /**
     * Two linear BTC perpetuals, "lo" (long leg: funding 1 bp per 8 h) and "hi" (short leg: 3 bp per 8 h),
     * settling every 8 h from the start; marks 100 and 100.1 at every step unless {@code longMark}/{@code shortMark}
     * override them; 24 h volume 5e8 USD on both.
     */
    public static MarketSeries twoLegs(int steps, java.util.function.IntToDoubleFunction longMark,
                                java.util.function.IntToDoubleFunction shortMark,
                                java.util.function.IntToDoubleFunction longLow) {
        var b = MarketSeries.builder(T0, HOUR, steps);
        int lo = b.addLeg(new LegMarket("BTC", "lo", InstrumentKind.LINEAR_PERPETUAL, 8, true, true));
        int hi = b.addLeg(new LegMarket("BTC", "hi", InstrumentKind.LINEAR_PERPETUAL, 8, true, true));
        for (int t = 0; t < steps; t++) {
            double ml = longMark.applyAsDouble(t);
            double ms = shortMark.applyAsDouble(t);
            b.price(lo, t, ml, longLow.applyAsDouble(t), Double.NaN);
            b.price(hi, t, ms, Double.NaN, Double.NaN);
            b.volume(lo, t, 5e8);
            b.volume(hi, t, 5e8);
            if (t % 8 == 0) {
                b.settle(lo, T0 + t * HOUR, 0.0001);
                b.settle(hi, T0 + t * HOUR, 0.0003);
            }
        }
        return b.build();
    }

    public static MarketSeries flatTwoLegs(int steps) {
        return twoLegs(steps, t -> 100, t -> 100.1, t -> Double.NaN);
    }

    /**
     * A seeded random market: two assets, four venues each (one settling hourly, one at 04/12/20 UTC),
     * random-walk prices with venue bases, AR(1) funding rates, some venues without volume.
     */
    public static MarketSeries random(Rng rng, int steps) {
        var b = MarketSeries.builder(T0, HOUR, steps);
        String[] venues = {"v1", "v2", "v3", "v4"};
        for (String asset : new String[] {"BTC", "ETH"}) {
            int[] legs = new int[venues.length];
            for (int v = 0; v < venues.length; v++) {
                double interval = v == 3 ? 1 : 8;
                InstrumentKind kind = v == 2 ? InstrumentKind.INVERSE_PERPETUAL : InstrumentKind.LINEAR_PERPETUAL;
                legs[v] = b.addLeg(new LegMarket(asset, venues[v], kind, interval, true, v != 1));
            }
            double price = asset.equals("BTC") ? 30_000 : 2_000;
            double vol = rng.uniform(0.002, 0.02);
            double[] basis = new double[venues.length];
            double[] rate8h = new double[venues.length];
            for (int t = 0; t < steps; t++) {
                double r = vol * rng.nextGaussian();
                double prev = price;
                price *= Math.exp(r);
                for (int v = 0; v < venues.length; v++) {
                    basis[v] = 0.9 * basis[v] + 0.0003 * rng.nextGaussian();
                    rate8h[v] = 0.0001 + 0.8 * (rate8h[v] - 0.0001) + 0.0001 * rng.nextGaussian();
                    double m = price * (1 + basis[v]);
                    double lo = Math.min(prev, price) * (1 + basis[v]) * (1 - Math.abs(vol * rng.nextGaussian()));
                    double hi = Math.max(prev, price) * (1 + basis[v]) * (1 + Math.abs(vol * rng.nextGaussian()));
                    b.price(legs[v], t, m, lo, hi);
                    if (v != 1) {
                        b.volume(legs[v], t, Math.exp(rng.uniform(Math.log(1e5), Math.log(1e10))));
                    }
                    long time = T0 + t * HOUR;
                    if (v == 3) {
                        b.settle(legs[v], time, rate8h[v] / 8);
                    } else if ((v == 0 || v == 2) && t % 8 == 0) {
                        b.settle(legs[v], time, rate8h[v]);
                    } else if (v == 1 && t % 8 == 4) {
                        b.settle(legs[v], time, rate8h[v]);
                    }
                }
            }
        }
        return b.build();
    }
}
