package io.tradeloop.engine.strategy.sma;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.order.Side;
import io.tradeloop.engine.strategy.BarView;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;

/**
 * The simple-moving-average crossover baseline, long or flat: buy at the next open when the fast SMA of
 * closes crosses above the slow one, sell the whole position when it crosses below. A cross at bar t
 * means fast(t) &gt; slow(t) and fast(t−1) ≤ slow(t−1) (mirrored for down); the first decision is at bar
 * {@code slowBars}, the first bar with both averages defined at t and t−1 (ta4j's rules with
 * {@code slowBars} unstable bars decide the same way).
 *
 * <p>The averages are running sums over the visible closes (add the new close, drop the one leaving
 * the window), re-summed exactly every {@value #RESUM_EVERY} bars so rounding cannot drift: O(1) and no
 * allocation per bar.
 */
public final class SmaCrossover implements Strategy {
    static final int RESUM_EVERY = 4096;

    /**
     * @param feed       the feed to trade
     * @param fastBars   fast window (2 ≤ fast &lt; slow)
     * @param slowBars   slow window (≤ 100,000)
     * @param allocation fraction of equity to buy with at an entry (0.01–1; default 0.95 leaves room for fees and a gap)
     * @param leverage   leverage of the position (1 for spot)
     */
    public record Config(int feed, int fastBars, int slowBars, double allocation, double leverage) {
        public Config {
            Checks.inRange("fast", fastBars, 2, 100_000);
            Checks.inRange("slow", slowBars, 3, 100_000);
            if (fastBars >= slowBars) {
                throw new ConfigException("fast", "value " + fastBars + " must be below slow (" + slowBars + ")");
            }
            Checks.inRange("allocation", allocation, 0.01, 1.0);
            Checks.inRange("leverage", leverage, 1, 125);
        }

        /** The classic 50/200 "golden cross" on feed 0, 95% of equity, no leverage. */
        public static Config defaults() {
            return new Config(0, 50, 200, 0.95, 1);
        }
    }

    private final Config config;
    private double sumFast;
    private double sumSlow;
    private double prevDiff;

    public SmaCrossover(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "sma-" + config.fastBars() + "-" + config.slowBars();
    }

    @Override
    public void onStart(StrategyContext ctx) {
        sumFast = 0;
        sumSlow = 0;
        prevDiff = Double.NaN;
    }

    @Override
    public void onBar(StrategyContext ctx, int feed) {
        if (feed != config.feed()) {
            return;
        }
        BarView bars = ctx.bars(feed);
        int i = bars.last();
        int fast = config.fastBars();
        int slow = config.slowBars();
        double c = bars.close(i);
        if (i % RESUM_EVERY == 0 && i >= slow) {
            sumFast = sum(bars, i - fast + 1, i);
            sumSlow = sum(bars, i - slow + 1, i);
        } else {
            sumFast += c;
            sumSlow += c;
            if (i >= fast) sumFast -= bars.close(i - fast);
            if (i >= slow) sumSlow -= bars.close(i - slow);
        }
        if (i < slow - 1) {
            return;
        }
        // sign(fast SMA − slow SMA) = sign(sumFast × slow − sumSlow × fast): no division per bar.
        double diff = sumFast * slow - sumSlow * fast;
        boolean crossedUp = prevDiff <= 0 && diff > 0;
        boolean crossedDown = prevDiff >= 0 && diff < 0;
        if ((crossedUp || crossedDown) && i >= slow && ctx.pendingOrders(feed) == 0) {
            double pos = ctx.account().position(feed);
            if (pos == 0 && crossedUp) {
                double qty = config.allocation() * ctx.account().equityUsd() * config.leverage() / c;
                ctx.submit(OrderRequest.market(feed, Side.BUY, qty, config.leverage()));
            } else if (pos > 0 && crossedDown) {
                ctx.submit(OrderRequest.close(feed, Side.SELL, pos));
            }
        }
        prevDiff = diff;
    }

    private static double sum(BarView bars, int from, int to) {
        double s = 0;
        for (int j = from; j <= to; j++) s += bars.close(j);
        return s;
    }
}
