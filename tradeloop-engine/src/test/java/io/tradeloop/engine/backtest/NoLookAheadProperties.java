package io.tradeloop.engine.backtest;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.BarView;
import io.tradeloop.engine.strategy.FundingView;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Through the strategy API nothing from the future is reachable: at every callback every visible bar
 * has closed and every visible settlement has happened, exactly those are visible, and reading one
 * step further throws. Feeds of different timeframes and funding at odd times included.
 */
class NoLookAheadProperties {
    static BarSeries bars(Rng rng, String name, Timeframe tf, long start, int n) {
        var b = BarSeries.builder(name, tf, n);
        double c = 100;
        long t = start;
        for (int i = 0; i < n; i++) {
            double o = c;
            c = o * Math.exp(0.01 * rng.nextGaussian());
            b.add(t, o, Math.max(o, c) * 1.001, Math.min(o, c) * 0.999, c, 10);
            t += tf.millis() * (rng.nextInt(8) == 0 ? 2 : 1);
        }
        return b.build();
    }

    static FundingSeries funding(Rng rng, String venue, long start, long end) {
        List<Long> times = new ArrayList<>();
        for (long t = start + rng.nextInt(5) * 3_600_000L; t < end; t += (1 + rng.nextInt(8)) * 3_600_000L) times.add(t);
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        double[] rs = new double[ts.length];
        for (int i = 0; i < rs.length; i++) rs[i] = 0.0001 * rng.nextGaussian();
        return new FundingSeries(venue, "BTC", 8, ts, rs);
    }

    /** Checks the views at every callback against the raw data it must not leak. */
    static final class Prober implements Strategy {
        final List<MarketFeed> raw;
        int checks;

        Prober(List<MarketFeed> raw) {
            this.raw = raw;
        }

        @Override
        public String name() {
            return "prober";
        }

        @Override
        public void onBar(StrategyContext ctx, int feed) {
            probe(ctx);
        }

        @Override
        public void onFunding(StrategyContext ctx, int feed) {
            probe(ctx);
        }

        @Override
        public void onStepEnd(StrategyContext ctx) {
            probe(ctx);
        }

        void probe(StrategyContext ctx) {
            long now = ctx.nowMs();
            for (int f = 0; f < ctx.feeds(); f++) {
                BarView v = ctx.bars(f);
                BarSeries all = raw.get(f).bars();
                int closed = 0;
                while (closed < all.size() && all.closeTimeMs(closed) <= now) closed++;
                assertThat(v.size()).as("visible bars = bars closed by now").isEqualTo(closed);
                for (int i = 0; i < v.size(); i++) {
                    assertThat(v.closeTimeMs(i)).isLessThanOrEqualTo(now);
                }
                int next = v.size();
                assertThatThrownBy(() -> v.close(next)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> v.high(next)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> v.openTimeMs(next)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> v.close(-1)).isInstanceOf(IndexOutOfBoundsException.class);
                FundingView fv = ctx.funding(f);
                FundingSeries fs = raw.get(f).funding();
                int settled = 0;
                while (settled < fs.size() && fs.timeMs(settled) <= now) settled++;
                assertThat(fv.size()).isEqualTo(settled);
                for (int i = 0; i < fv.size(); i++) {
                    assertThat(fv.timeMs(i)).isLessThanOrEqualTo(now);
                }
                int nextF = fv.size();
                assertThatThrownBy(() -> fv.rate(nextF)).isInstanceOf(IndexOutOfBoundsException.class);
                checks++;
            }
        }
    }

    @Property(tries = 100)
    void strategiesSeeOnlyWhatHasClosed(@ForAll long seed) {
        Rng rng = new Rng(seed);
        long start = 1_672_531_200_000L + rng.nextInt(24) * 3_600_000L;
        var a = bars(rng, "a", Timeframe.H1, start, 30 + rng.nextInt(40));
        var b = bars(rng, "b", Timeframe.H4, start + rng.nextInt(3) * 3_600_000L, 5 + rng.nextInt(15));
        var feeds = List.of(
                new MarketFeed(Instrument.linearPerp("a", "BTC"), a, funding(rng, "a", start - 7_200_000L, a.lastCloseTimeMs() + 7_200_000L)),
                new MarketFeed(Instrument.linearPerp("b", "BTC"), b, funding(rng, "b", start, b.lastCloseTimeMs())));
        var prober = new Prober(feeds);
        new Backtest(feeds, prober, DefaultRisk.directional(), BacktestConfig.defaults()).run();
        assertThat(prober.checks).isGreaterThan(0);
    }
}
