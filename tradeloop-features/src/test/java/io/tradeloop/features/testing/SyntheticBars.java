package io.tradeloop.features.testing;

import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;

/** Seeded random-walk bars and bars from given closes, for tests. */
public final class SyntheticBars {
    private SyntheticBars() {
    }

    /** {@code n} bars of {@code tf} from {@code startMs}: log-normal closes, ranges and volumes from {@code rng}. */
    public static BarSeries randomWalk(Rng rng, int n, Timeframe tf, long startMs) {
        BarSeries.Builder b = BarSeries.builder("synthetic", tf, n);
        double close = 100;
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(0.01 * rng.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.005 * rng.nextDouble());
            double low = Math.min(open, close) * (1 - 0.005 * rng.nextDouble());
            double volume = rng.nextDouble() < 0.02 ? 0 : 1000 * Math.exp(0.5 * rng.nextGaussian());
            b.add(startMs + i * tf.millis(), open, high, low, close, volume);
        }
        return b.build();
    }

    /** Bars from explicit closes (open = previous close, high/low = max/min of the two, volume 1). */
    public static BarSeries fromCloses(Timeframe tf, double... closes) {
        BarSeries.Builder b = BarSeries.builder("closes", tf, closes.length);
        double prev = closes[0];
        for (int i = 0; i < closes.length; i++) {
            double c = closes[i];
            b.add(i * tf.millis(), prev, Math.max(prev, c), Math.min(prev, c), c, 1);
            prev = c;
        }
        return b.build();
    }
}
