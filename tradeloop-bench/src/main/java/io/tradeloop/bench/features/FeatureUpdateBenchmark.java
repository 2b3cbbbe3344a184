package io.tradeloop.bench.features;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureStream;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.Num;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Feature-update throughput: the built-in base feature set computed bar by bar by tradeloop's
 * {@link FeatureStream} against the same columns from ta4j 0.22.2 DoubleNum indicators (fresh caches,
 * values read bar by bar in time order, as a live loop would), on the same bars in the same run.
 * Counts values (bars x columns) per second, and checks on the way that both agree after warm-up.
 */
public final class FeatureUpdateBenchmark implements Benchmark {
    static final String SET = "directional-4h-base";
    private double sink;

    @Override
    public String group() {
        return "features";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) {
        Path file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv").orElse(null);
        BarSeries bars;
        String source;
        if (file != null) {
            bars = OhlcvCsvReader.read(file, ReadPolicy.STRICT).value();
            source = "Coinbase BTC-USD 4h, " + String.format(Locale.ROOT, "%,d", bars.size()) + " bars";
        } else {
            bars = syntheticBars(options.quick() ? 20_000 : 100_000);
            source = "synthetic random walk, " + bars.size() + " bars (shared data absent)";
        }
        FeatureSetDefinition set = FeatureSetDefinition.builtin(SET);
        FeatureStream stream = new FeatureStream(set, bars.timeframe());
        int columns = stream.columnCount();
        org.ta4j.core.BarSeries ta = Ta4jFeatureSet.series(bars);

        double maxDiff = agreement(set, bars, stream, ta);

        // Rounds alternate ours / ta4j so both see the same machine load; the ratio is the median of the
        // per-round ratios, which a shared machine's drifting load disturbs far less than two separate medians.
        int oursPasses = options.quick() ? 5 : 20;
        for (int w = 0; w < options.warmupRounds(); w++) {
            for (int p = 0; p < oursPasses; p++) ours(stream, bars);
            ta4j(set, ta, bars.size());
        }
        double[] oursRate = new double[options.rounds()];
        double[] theirRate = new double[options.rounds()];
        double[] ratio = new double[options.rounds()];
        for (int r = 0; r < options.rounds(); r++) {
            long t0 = System.nanoTime();
            long values = 0;
            for (int p = 0; p < oursPasses; p++) values += ours(stream, bars);
            oursRate[r] = values / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            values = ta4j(set, ta, bars.size());
            theirRate[r] = values / ((System.nanoTime() - t0) / 1e9);
            ratio[r] = oursRate[r] / theirRate[r];
        }
        double ours = Measure.median(oursRate);
        double theirs = Measure.median(theirRate);
        String what = set.id() + " (" + columns + " columns), " + source;
        return List.of(
                new BenchRow(group(), "feature updates, tradeloop FeatureStream", ours, "values/s", "",
                        what + "; includes NaN/Inf sanitisation"),
                new BenchRow(group(), "feature updates, ta4j 0.22.2 DoubleNum", theirs, "values/s", "",
                        "same columns from ta4j indicators, new caches per round, getValue(i) in time order"),
                new BenchRow(group(), "feature updates, tradeloop / ta4j", Measure.median(ratio), "x", ">= 3",
                        String.format(Locale.ROOT, "median of %d alternating rounds (range %.1f..%.1f); max |ours - ta4j| / "
                                + "max(1, |ta4j|) after warm-up %.1e", ratio.length, min(ratio), max(ratio), maxDiff)));
    }

    /** One pass of the stream over all bars; returns values produced. */
    private long ours(FeatureStream stream, BarSeries bars) {
        stream.reset();
        double[] o = bars.opens();
        double[] h = bars.highs();
        double[] l = bars.lows();
        double[] c = bars.closes();
        double[] v = bars.volumes();
        int n = bars.size();
        int m = stream.columnCount();
        double acc = 0;
        for (int i = 0; i < n; i++) {
            stream.update(bars.closeTimeMs(i), o[i], h[i], l[i], c[i], v[i]);
            for (int k = 0; k < m; k++) acc += stream.value(k);
        }
        sink += acc;
        return (long) n * m;
    }

    /** One round of ta4j: fresh indicators, every column read bar by bar; returns values produced. */
    private long ta4j(FeatureSetDefinition set, org.ta4j.core.BarSeries ta, int n) {
        List<Indicator<Num>> indicators = Ta4jFeatureSet.indicators(set, ta);
        int m = indicators.size();
        double acc = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) acc += indicators.get(k).getValue(i).doubleValue();
        }
        sink += acc;
        return (long) n * m;
    }

    /** The largest relative difference between the two after the set's warm-up (NaN cells must match). */
    private static double agreement(FeatureSetDefinition set, BarSeries bars, FeatureStream stream, org.ta4j.core.BarSeries ta) {
        List<Indicator<Num>> ref = Ta4jFeatureSet.indicators(set, ta);
        stream.reset();
        double worst = 0;
        for (int i = 0; i < bars.size(); i++) {
            stream.update(bars.closeTimeMs(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            if (!stream.rowReady()) continue;
            for (int k = 0; k < stream.columnCount(); k++) {
                Num r = ref.get(k).getValue(i);
                double x = stream.value(k);
                if (r.isNaN() || stream.status(k).bad()) continue; // a bad value was forward-filled by design
                worst = Math.max(worst, Math.abs(x - r.doubleValue()) / Math.max(1, Math.abs(r.doubleValue())));
            }
        }
        if (worst > 1e-9) {
            throw new IllegalStateException("tradeloop and ta4j features disagree by " + worst + " (relative): the benchmark would compare different work");
        }
        return worst;
    }

    private static double min(double[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : x) m = Math.min(m, v);
        return m;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) m = Math.max(m, v);
        return m;
    }

    private static BarSeries syntheticBars(int n) {
        Rng rng = new Rng(42);
        BarSeries.Builder b = BarSeries.builder("synthetic", Timeframe.H4, n);
        double close = 100;
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(0.01 * rng.nextGaussian());
            b.add(i * Timeframe.H4.millis(), open, Math.max(open, close) * 1.002, Math.min(open, close) * 0.998, close,
                    1000 * Math.exp(0.5 * rng.nextGaussian()));
        }
        return b.build();
    }

    /** Keeps the JIT from discarding the work (read it once after the runs). */
    double sink() {
        return sink;
    }
}
