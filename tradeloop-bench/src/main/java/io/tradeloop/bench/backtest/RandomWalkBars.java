package io.tradeloop.bench.backtest;

import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;

/**
 * Synthetic 1-minute bars from a seeded geometric random walk, for benchmarks that need more bars than
 * the real files hold. Each bar opens at the previous close; the close moves by exp(σ·z) with
 * σ = 0.1% (about a BTC minute); high and low extend beyond the open/close by half-normal amounts;
 * volume is log-normal around 100. Deterministic for a seed.
 */
public final class RandomWalkBars {
    /** 2020-01-01T00:00Z. */
    public static final long START_MS = 1_577_836_800_000L;
    private static final double SIGMA = 0.001;

    private RandomWalkBars() {
    }

    public static BarSeries generate(int bars, long seed) {
        Rng rng = new Rng(seed);
        BarSeries.Builder b = BarSeries.builder("random-walk-" + seed, Timeframe.M1, bars);
        double prevClose = 100;
        for (int i = 0; i < bars; i++) {
            double open = prevClose;
            double close = open * Math.exp(SIGMA * rng.nextGaussian());
            double high = Math.max(open, close) * Math.exp(0.5 * SIGMA * Math.abs(rng.nextGaussian()));
            double low = Math.min(open, close) * Math.exp(-0.5 * SIGMA * Math.abs(rng.nextGaussian()));
            double volume = 100 * Math.exp(0.5 * rng.nextGaussian());
            b.add(START_MS + i * 60_000L, open, high, low, close, volume);
            prevClose = close;
        }
        return b.build();
    }
}
