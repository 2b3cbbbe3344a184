package io.tradeloop.bench.features;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH micro-benchmark of the feature hot path: one {@link FeatureStream#update} of the built-in
 * {@code directional-4h} set (base columns plus daily ones) per invocation. Run with {@code -prof gc}
 * to see the allocation per update (docs/features.md has the command); expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureUpdateJmh {
    private BarSeries bars;
    private FeatureStream base;
    private FeatureStream multi;
    private int i;
    private int j;

    @Setup
    public void setup() {
        bars = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv")
                .map(f -> OhlcvCsvReader.read(f, ReadPolicy.STRICT).value())
                .orElseGet(FeatureUpdateJmh::synthetic);
        base = new FeatureStream(FeatureSetDefinition.builtin("directional-4h-base"), bars.timeframe());
        multi = new FeatureStream(FeatureSetDefinition.builtin("directional-4h"), bars.timeframe(),
                Map.of(Timeframe.D1, BarResampler.resample(bars, Timeframe.D1, PartialBars.DROP).bars()));
    }

    /** One bar through the 18-column base set. */
    @Benchmark
    public double updateBaseSet() {
        if (i == bars.size()) {
            i = 0;
            base.reset();
        }
        base.update(bars.closeTimeMs(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
        i++;
        return base.value(0);
    }

    /** One bar through the set with daily-timeframe columns as well. */
    @Benchmark
    public double updateMultiTimeframeSet() {
        if (j == bars.size()) {
            j = 0;
            multi.reset();
        }
        multi.update(bars.closeTimeMs(j), bars.open(j), bars.high(j), bars.low(j), bars.close(j), bars.volume(j));
        j++;
        return multi.value(multi.columnCount() - 1);
    }

    private static BarSeries synthetic() {
        Rng rng = new Rng(42);
        BarSeries.Builder b = BarSeries.builder("synthetic", Timeframe.H4, 20_000);
        double close = 100;
        for (int n = 0; n < 20_000; n++) {
            double open = close;
            close = open * Math.exp(0.01 * rng.nextGaussian());
            b.add(n * Timeframe.H4.millis(), open, Math.max(open, close) * 1.002, Math.min(open, close) * 0.998, close,
                    1000 * Math.exp(0.5 * rng.nextGaussian()));
        }
        return b.build();
    }
}
