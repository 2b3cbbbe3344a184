package io.tradeloop.bench.backtest;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.engine.metrics.EquityCurve;
import io.tradeloop.engine.backtest.BacktestResult;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backtest throughput: SMA 50/200 crossover with a 0.1% fee on 1,000,000 seeded random-walk 1-minute
 * bars through tradeloop's engine and through ta4j's BarSeriesManager, in the same run, and whether both
 * traded on the same bars. Bars/s = bars / CPU time of the benchmark thread for one whole backtest
 * (median of the rounds; the wall-clock figure is in the note).
 */
public final class SmaBacktestBenchmark implements Benchmark {
    static final int BARS = 1_000_000;
    static final int FAST = 50;
    static final int SLOW = 200;
    static final long SEED = 42;

    @Override
    public String group() {
        return "backtest";
    }

    @Override
    public List<BenchRow> run(BenchOptions given) {
        // Each round is a whole 1M-bar backtest, so a few rounds run before the JIT has settled: both engines get
        // at least five warm-up rounds.
        BenchOptions options = new BenchOptions(given.quick(), Math.max(5, given.warmupRounds()), given.rounds());
        BarSeries bars = RandomWalkBars.generate(BARS, SEED);
        var feed = SmaBacktests.feed(bars);
        var curve = new EquityCurve(BARS + 2);
        BacktestResult[] last = new BacktestResult[1];
        var oursT = Measure.medianThroughputCpu(options, () -> {
            last[0] = SmaBacktests.runOurs(feed, FAST, SLOW, curve);
            return BARS;
        });
        var ta4jSeries = SmaBacktests.toTa4j(bars);
        TradingRecord[] rec = new TradingRecord[1];
        var ta4jT = Measure.medianThroughputCpu(options, () -> {
            rec[0] = SmaBacktests.runTa4j(ta4jSeries, FAST, SLOW);
            return BARS;
        });
        double ours = oursT.perCpuSecond();
        double ta4j = ta4jT.perCpuSecond();
        int[] oursBars = entryExitBars(last[0], bars);
        int[] theirBars = entryExitBars(rec[0]);
        boolean same = java.util.Arrays.equals(oursBars, theirBars);
        String data = String.format(Locale.ROOT, "%,d seeded random-walk 1m bars (seed %d), SMA %d/%d, fee 0.1%%", BARS, SEED, FAST, SLOW);
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow(group(), "SMA crossover backtest, tradeloop engine (1 thread)", ours, "bars/s", ">= 10M",
                data + "; risk check per order, journal, equity curve, metrics included; per CPU-second of the thread, wall clock "
                        + wall(oursT)));
        rows.add(new BenchRow(group(), "same strategy, ta4j 0.22.2 BarSeriesManager", ta4j, "bars/s", "",
                "DoubleNum series, TradeOnNextOpenModel, LinearTransactionCostModel(0.001); fresh indicators per run; wall clock "
                        + wall(ta4jT)));
        rows.add(new BenchRow(group(), "speed-up over ta4j", ours / ta4j, "x", ">= 3x", "same bars, same rules, same run"));
        rows.add(new BenchRow(group(), "fills at the same bars as ta4j's", oursBars.length, "fills", "identical",
                String.format(Locale.ROOT, "entry and exit bars identical to ta4j's: %s (ta4j: %d fills)", same ? "yes" : "NO",
                        theirBars.length)));
        return rows;
    }

    private static String wall(Measure.Throughput t) {
        return String.format(Locale.ROOT, "%,.0f bars/s", t.perWallSecond());
    }

    /** Bar indices of the entry and exit fills, in order. */
    static int[] entryExitBars(BacktestResult r, BarSeries bars) {
        return r.journal().fills().stream().mapToInt(f -> bars.lowerBound(f.timeMs())).toArray();
    }

    static int[] entryExitBars(TradingRecord rec) {
        List<Integer> out = new ArrayList<>();
        for (Position p : rec.getPositions()) {
            out.add(p.getEntry().getIndex());
            out.add(p.getExit().getIndex());
        }
        if (rec.getCurrentPosition().isOpened()) {
            out.add(rec.getCurrentPosition().getEntry().getIndex());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sides of our fills (for tests). */
    static List<Side> sides(BacktestResult r) {
        return r.journal().fills().stream().map(f -> f.side()).toList();
    }
}
