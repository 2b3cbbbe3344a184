package io.tradeloop.engine.venue;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.OrderType;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any bars and any orders: every fill is priced from a bar that opened at or after the order was
 * decided, lies within that bar's range, is never better than that bar's open for a market order, and
 * never worse than the limit for a limit order.
 */
class FillModelProperties {
    static final Instrument PERP = Instrument.linearPerp("test", "BTC");

    static BarSeries randomBars(Rng rng, int n, boolean gappy) {
        var b = BarSeries.builder("random", Timeframe.H1, n);
        double close = 100;
        long t = 0;
        for (int i = 0; i < n; i++) {
            double open = gappy && rng.nextInt(4) == 0 ? close * Math.exp(0.03 * rng.nextGaussian()) : close;
            close = open * Math.exp(0.02 * rng.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.01 * Math.abs(rng.nextGaussian()));
            double low = Math.min(open, close) * (1 - 0.01 * Math.abs(rng.nextGaussian()));
            b.add(t, open, high, low, close, rng.nextInt(3) == 0 ? 0 : 50 * rng.nextDouble());
            t += 3_600_000L * (gappy && rng.nextInt(10) == 0 ? 3 : 1); // occasional missing bars
        }
        return b.build();
    }

    /** Submits random market and limit orders, long and short, remembering when each was decided. */
    static final class RandomTrader implements Strategy {
        final Rng rng;
        final Map<String, Long> decidedAt = new HashMap<>();
        final Map<String, OrderRequest> requests = new HashMap<>();
        int seq;

        RandomTrader(Rng rng) {
            this.rng = rng;
        }

        @Override
        public String name() {
            return "random";
        }

        @Override
        public void onBar(StrategyContext ctx, int feed) {
            if (rng.nextInt(3) != 0) return;
            double last = ctx.bars(feed).lastClose();
            Side side = rng.nextBoolean() ? Side.BUY : Side.SELL;
            double qty = 0.01 + rng.nextDouble();
            String id = "r" + (++seq);
            OrderRequest req = rng.nextBoolean()
                    ? OrderRequest.market(feed, side, qty, 1).withClientOrderId(id)
                    : OrderRequest.limit(feed, side, qty, last * (1 + 0.03 * rng.nextGaussian()), 1).withClientOrderId(id);
            decidedAt.put(id, ctx.nowMs());
            requests.put(id, req);
            ctx.submit(req);
        }
    }

    @Property(tries = 200)
    void fillsComeFromLaterBarsAndStayInsideThem(@ForAll long seed) {
        Rng rng = new Rng(seed);
        BarSeries bars = randomBars(rng, 20 + rng.nextInt(60), rng.nextBoolean());
        var trader = new RandomTrader(rng.split());
        var slip = new SlippageModel(rng.uniform(0, 20), rng.uniform(0, 2), 500);
        var r = new Backtest(List.of(MarketFeed.of(PERP, bars)), trader, DefaultRisk.directional(),
                new BacktestConfig(1e7, slip, Double.NaN)).run();
        for (JournalEntry.Filled f : r.journal().entries(JournalEntry.Filled.class)) {
            var fill = f.fill();
            int j = f.bar();
            long decided = trader.decidedAt.get(fill.clientOrderId());
            OrderRequest req = trader.requests.get(fill.clientOrderId());
            // No information from before the decision fills it, and nothing from a bar not yet traded.
            assertThat(bars.openTimeMs(j)).isGreaterThanOrEqualTo(decided);
            assertThat(fill.timeMs()).isIn(bars.openTimeMs(j), bars.closeTimeMs(j));
            assertThat(fill.price()).isBetween(bars.low(j), bars.high(j));
            if (req.type() == OrderType.MARKET) {
                if (fill.side() == Side.BUY) assertThat(fill.price()).isGreaterThanOrEqualTo(bars.open(j));
                else assertThat(fill.price()).isLessThanOrEqualTo(bars.open(j));
            } else {
                if (fill.side() == Side.BUY) assertThat(fill.price()).isLessThanOrEqualTo(req.limitPrice());
                else assertThat(fill.price()).isGreaterThanOrEqualTo(req.limitPrice());
            }
        }
        // Each client order id was filled at most once.
        assertThat(r.journal().fills().stream().map(x -> x.clientOrderId()).distinct().count()).isEqualTo(r.journal().fills().size());
    }
}
