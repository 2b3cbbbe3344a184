package io.tradeloop.bench.backtest;

import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.metrics.EquityCurve;
import io.tradeloop.engine.strategy.Strategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH view of the backtest hot path: one operation = one bar, so with {@code -prof gc} the
 * {@code gc.alloc.rate.norm} line is bytes allocated per bar (the whole run, metrics included, divided
 * by its bars). Run it with
 * {@code bin/tradeloop bench --jmh "BacktestJmh -prof gc"} (docs/backtest.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class BacktestJmh {
    static final int BARS = 1_000_000;

    private MarketFeed feed;
    private EquityCurve curve;

    @Setup(Level.Trial)
    public void setUp() {
        feed = SmaBacktests.feed(RandomWalkBars.generate(BARS, 42));
        curve = new EquityCurve(BARS + 2);
    }

    /** SMA 50/200 crossover with 0.1% fees through the full engine (risk engine, venue, journal, metrics). */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public double smaCrossover() {
        return SmaBacktests.runOurs(feed, 50, 200, curve).metrics().finalEquityUsd();
    }

    /** The bare event loop: a strategy that reads every bar and never trades. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public double barLoopOnly() {
        Strategy reader = new Strategy() {
            double sum;

            @Override
            public String name() {
                return "reader";
            }

            @Override
            public void onBar(io.tradeloop.engine.strategy.StrategyContext ctx, int f) {
                sum += ctx.bars(f).lastClose();
            }
        };
        return new Backtest(List.of(feed), reader, DefaultRisk.directional(), SmaBacktests.config(), curve).run().events();
    }
}
