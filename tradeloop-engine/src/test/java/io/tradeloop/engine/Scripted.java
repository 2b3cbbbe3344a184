package io.tradeloop.engine;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;
import io.tradeloop.risk.RiskDecision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test strategy: at the close of given bars of feed 0, submits given proposals; records the verdicts. */
public final class Scripted implements Strategy {
    private final Map<Integer, List<OrderRequest[]>> plan = new HashMap<>();
    public final List<RiskDecision> decisions = new ArrayList<>();
    public final Map<Integer, Long> decidedAtMs = new HashMap<>();

    /** At the close of {@code bar} of feed 0, submit these legs as one proposal. */
    public Scripted at(int bar, OrderRequest... legs) {
        plan.computeIfAbsent(bar, b -> new ArrayList<>()).add(legs);
        return this;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void onBar(StrategyContext ctx, int feed) {
        if (feed != 0) return;
        int bar = ctx.bars(0).last();
        for (OrderRequest[] legs : plan.getOrDefault(bar, List.of())) {
            decidedAtMs.put(bar, ctx.nowMs());
            decisions.add(ctx.submit(legs));
        }
    }

    /** Bars from rows of {open, high, low, close, volume}, 1 h apart from 2023-01-01T00:00Z. */
    public static BarSeries bars(double[]... ohlcv) {
        return bars(Timeframe.H1, 1_672_531_200_000L, ohlcv);
    }

    public static BarSeries bars(Timeframe tf, long startMs, double[]... ohlcv) {
        var b = BarSeries.builder("test", tf);
        for (int i = 0; i < ohlcv.length; i++) {
            double[] r = ohlcv[i];
            b.add(startMs + i * tf.millis(), r[0], r[1], r[2], r[3], r[4]);
        }
        return b.build();
    }
}
