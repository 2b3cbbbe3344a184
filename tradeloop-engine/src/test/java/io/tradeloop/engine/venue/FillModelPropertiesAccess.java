package io.tradeloop.engine.venue;

import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.engine.strategy.Strategy;

/** Shares the random bars and the random trader of {@link FillModelProperties} with other test packages. */
public final class FillModelPropertiesAccess {
    private FillModelPropertiesAccess() {
    }

    public static BarSeries randomBars(Rng rng, int n) {
        return FillModelProperties.randomBars(rng, n, rng.nextBoolean());
    }

    /** A strategy submitting random orders; {@link Trader#submitted()} counts its proposals. */
    public interface Trader extends Strategy {
        int submitted();
    }

    public static Trader trader(Rng rng) {
        var t = new FillModelProperties.RandomTrader(rng);
        return new Trader() {
            @Override
            public int submitted() {
                return t.seq;
            }

            @Override
            public String name() {
                return t.name();
            }

            @Override
            public void onBar(io.tradeloop.engine.strategy.StrategyContext ctx, int feed) {
                t.onBar(ctx, feed);
            }
        };
    }
}
