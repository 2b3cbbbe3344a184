package io.tradeloop.cli.directional;

import io.tradeloop.core.order.Side;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;

/** The buy-and-hold baseline: buys {@code allocation} of equity at the first bar's close (filled at the next open) and holds. */
final class BuyAndHold implements Strategy {
    private final int feed;
    private final double allocation;
    private boolean bought;

    BuyAndHold(int feed, double allocation) {
        this.feed = feed;
        this.allocation = allocation;
    }

    @Override
    public String name() {
        return "buy-and-hold";
    }

    @Override
    public void onStart(StrategyContext ctx) {
        bought = false;
    }

    @Override
    public void onBar(StrategyContext ctx, int f) {
        if (f != feed || bought) return;
        double c = ctx.bars(f).lastClose();
        ctx.submit(OrderRequest.market(f, Side.BUY, allocation * ctx.account().equityUsd() / c, 1));
        bought = true;
    }
}
