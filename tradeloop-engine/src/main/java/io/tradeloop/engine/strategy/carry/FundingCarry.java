package io.tradeloop.engine.strategy.carry;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.order.Side;
import io.tradeloop.engine.strategy.AccountView;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;
import io.tradeloop.risk.RiskDecision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The greedy funding-rate carry baseline: for each asset, long the perpetual on the venue with the
 * lowest last settled funding rate and short it where the rate is highest, when {@link CarryRule} says
 * the differential beats the fees; close both legs when it says so. Entries and exits are one two-leg
 * proposal through the risk engine; each leg pays or receives its own venue's funding.
 *
 * <p>Capital: each asset gets {@code capitalFraction / assets} of equity as margin, split evenly
 * between the two legs; both legs trade the same base quantity so price moves cancel. A pair left with
 * one leg (a rejected or liquidated leg) is closed at the next step.
 */
public final class FundingCarry implements Strategy {
    /**
     * @param rule            entry/exit rule shared with the RL environment's baseline
     * @param leverage        leverage of each leg (1–10)
     * @param capitalFraction fraction of equity used as margin across all assets (0.01–1)
     */
    public record Config(CarryRule rule, double leverage, double capitalFraction) {
        public Config {
            Checks.notNull("rule", rule);
            Checks.inRange("leverage", leverage, 1, 10);
            Checks.inRange("capital_fraction", capitalFraction, 0.01, 1.0);
        }

        /** {@link CarryRule#defaults()}, 2× leverage, 80% of equity as margin. */
        public static Config defaults() {
            return new Config(CarryRule.defaults(), 2, 0.8);
        }
    }

    private final Config config;
    private int[][] groups;
    private double[][] rates;
    private int[] longFeed;
    private int[] shortFeed;

    public FundingCarry(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "funding-carry";
    }

    @Override
    public void onStart(StrategyContext ctx) {
        Map<String, List<Integer>> byBase = new LinkedHashMap<>();
        for (int f = 0; f < ctx.feeds(); f++) {
            var inst = ctx.instrument(f);
            if (inst.kind().isPerpetual()) {
                byBase.computeIfAbsent(inst.base(), b -> new ArrayList<>()).add(f);
            }
        }
        groups = byBase.values().stream().filter(l -> l.size() >= 2)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        if (groups.length == 0) {
            throw new IllegalArgumentException("funding carry needs one asset's perpetual on at least two venues; feeds: "
                    + java.util.stream.IntStream.range(0, ctx.feeds()).mapToObj(f -> ctx.instrument(f).id()).toList());
        }
        rates = new double[groups.length][];
        for (int g = 0; g < groups.length; g++) rates[g] = new double[groups[g].length];
        longFeed = new int[groups.length];
        shortFeed = new int[groups.length];
        java.util.Arrays.fill(longFeed, -1);
        java.util.Arrays.fill(shortFeed, -1);
    }

    @Override
    public void onStepEnd(StrategyContext ctx) {
        AccountView acct = ctx.account();
        for (int g = 0; g < groups.length; g++) {
            int[] feeds = groups[g];
            boolean busy = false;
            for (int f : feeds) {
                if (ctx.pendingOrders(f) > 0) busy = true;
            }
            if (busy) {
                continue;
            }
            double[] r = rates[g];
            for (int j = 0; j < feeds.length; j++) {
                r[j] = ctx.funding(feeds[j]).lastRate8h();
            }
            if (longFeed[g] >= 0) {
                manageOpenPair(ctx, acct, g);
            } else {
                considerEntry(ctx, acct, g);
            }
        }
    }

    private void manageOpenPair(StrategyContext ctx, AccountView acct, int g) {
        int a = longFeed[g];
        int b = shortFeed[g];
        double qa = acct.position(a);
        double qb = acct.position(b);
        if (qa == 0 && qb == 0) {
            longFeed[g] = -1;
            shortFeed[g] = -1;
            considerEntry(ctx, acct, g);
            return;
        }
        boolean broken = qa <= 0 || qb >= 0; // a leg missing (rejected or liquidated) leaves the other unhedged
        double minLiq = Math.min(acct.liquidationDistance(a), acct.liquidationDistance(b));
        if (broken || config.rule().shouldExit(rateOf(g, a), rateOf(g, b), minLiq)) {
            List<OrderRequest> legs = new ArrayList<>(2);
            if (qa > 0) legs.add(OrderRequest.close(a, Side.SELL, qa));
            if (qb < 0) legs.add(OrderRequest.close(b, Side.BUY, -qb));
            if (qa < 0) legs.add(OrderRequest.close(a, Side.BUY, -qa));
            if (qb > 0) legs.add(OrderRequest.close(b, Side.SELL, qb));
            ctx.submit(legs.toArray(OrderRequest[]::new));
        }
    }

    private void considerEntry(StrategyContext ctx, AccountView acct, int g) {
        int[] feeds = groups[g];
        int pair = CarryRule.bestPair(rates[g], feeds.length);
        if (pair < 0) {
            return;
        }
        int lo = feeds[CarryRule.longOf(pair, feeds.length)];
        int hi = feeds[CarryRule.shortOf(pair, feeds.length)];
        if (acct.position(lo) != 0 || acct.position(hi) != 0) {
            return;
        }
        double fees = CarryRule.roundTripFeeRate(ctx.instrument(lo).takerFeeRate(), ctx.instrument(hi).takerFeeRate());
        if (!config.rule().shouldEnter(rateOf(g, lo), rateOf(g, hi), fees)) {
            return;
        }
        double price = Math.max(ctx.bars(lo).lastClose(), ctx.bars(hi).lastClose());
        if (!(price > 0)) {
            return;
        }
        double marginPerLeg = acct.equityUsd() * config.capitalFraction() / groups.length / 2;
        double qty = marginPerLeg * config.leverage() / price;
        RiskDecision d = ctx.submit(OrderRequest.market(lo, Side.BUY, qty, config.leverage()),
                OrderRequest.market(hi, Side.SELL, qty, config.leverage()));
        if (!d.isRefused()) {
            longFeed[g] = lo;
            shortFeed[g] = hi;
        }
    }

    private double rateOf(int g, int feed) {
        int[] feeds = groups[g];
        for (int j = 0; j < feeds.length; j++) {
            if (feeds[j] == feed) return rates[g][j];
        }
        throw new IllegalStateException("feed " + feed + " is not in asset group " + g);
    }
}
