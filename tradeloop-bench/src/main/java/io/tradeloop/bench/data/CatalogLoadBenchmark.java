package io.tradeloop.bench.data;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.BenchSuite;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.catalog.Catalog;
import io.tradeloop.data.catalog.ImportOptions;
import io.tradeloop.data.csv.ReadPolicy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Catalog load time: 100,000 bars loaded from the catalog (Parquet read through DuckDB) against parsing
 * the same bars from CSV with {@link OhlcvCsvReader}, in the same run; the real 4h BTC file too when the
 * shared data is present. Each load is checked to give exactly the parsed bars, so the figure measures the
 * whole path to a usable {@link BarSeries}.
 */
public final class CatalogLoadBenchmark implements Benchmark {
    static final int BARS = 100_000;
    static final long SEED = 7;

    @Override
    public String group() {
        return "data";
    }

    @Override
    public List<BenchRow> run(BenchOptions suiteOptions) throws IOException {
        // loads take milliseconds: more rounds than the suite's default make the median steadier on a busy machine
        BenchOptions options = new BenchOptions(suiteOptions.quick(), suiteOptions.warmupRounds() * 3, suiteOptions.rounds() * 4 + 1);
        Path work = Files.createTempDirectory("tradeloop-bench-catalog");
        try {
            List<BenchRow> rows = new ArrayList<>();
            Path csv = work.resolve("bench_RW_1m.csv");
            writeCsv(randomWalk(BARS, SEED), csv);
            rows.addAll(compare(options, work.resolve("catalog"), csv, "bench_RW", Timeframe.M1,
                    String.format(Locale.ROOT, "%,d seeded random-walk 1m bars (seed %d), CSV in the shared layout (ISO times)", BARS, SEED), true));
            var real = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
            if (real.isPresent()) {
                rows.addAll(compare(options, work.resolve("catalog"), real.get(), "coinbase_BTC-USD", Timeframe.H4,
                        "real coinbase_BTC-USD_4h.csv (16,699 bars)", false));
            } else {
                rows.add(BenchRow.skipped(group(), "real 4h BTC file", SharedData.ABSENT));
            }
            return rows;
        } finally {
            deleteTree(work);
        }
    }

    private List<BenchRow> compare(BenchOptions options, Path catalogDir, Path csv, String name, Timeframe tf, String what, boolean full) {
        BarSeries parsed = OhlcvCsvReader.read(csv, ReadPolicy.STRICT).value();
        long t0 = System.nanoTime();
        try (Catalog c = Catalog.open(catalogDir)) {
            c.importFile(csv, ImportOptions.defaults().withName(name));
        }
        double importMs = (System.nanoTime() - t0) / 1e6;
        double csvS = Measure.medianSeconds(options, () -> {
            if (OhlcvCsvReader.read(csv, ReadPolicy.STRICT).value().size() != parsed.size()) throw new IllegalStateException("CSV size changed");
        });
        double loadS;
        try (Catalog c = Catalog.open(catalogDir)) {
            check(c.loadBars(name, tf), parsed);
            loadS = Measure.medianSeconds(options, () -> {
                if (c.loadBars(name, tf).size() != parsed.size()) throw new IllegalStateException("catalog size changed");
            });
        }
        List<BenchRow> rows = new ArrayList<>();
        String n = String.format(Locale.ROOT, "%,d", parsed.size());
        rows.add(new BenchRow(group(), "catalog load, " + n + " bars (Parquet via DuckDB)", loadS * 1e3, "ms", full ? "< 100 ms" : "",
                what + "; catalog open, median of " + options.rounds() + " loads into a BarSeries, identical to the parsed bars"));
        rows.add(new BenchRow(group(), "CSV parse, same " + n + " bars (OhlcvCsvReader)", csvS * 1e3, "ms", "",
                "strict checks on every row, median of " + options.rounds() + " parses, same run"));
        rows.add(new BenchRow(group(), "catalog load vs CSV parse, " + n + " bars", csvS / loadS, "x", "",
                String.format(Locale.ROOT, "one-off import (parse + write Parquet) took %.0f ms", importMs)));
        if (full) {
            double coldS = Measure.medianSeconds(options, () -> {
                try (Catalog c = Catalog.open(catalogDir)) {
                    if (c.loadBars(name, tf).size() != parsed.size()) throw new IllegalStateException("catalog size changed");
                }
            });
            rows.add(new BenchRow(group(), "catalog open + load, " + n + " bars", coldS * 1e3, "ms", "",
                    "new DuckDB connection and manifest read per load (the native library already loaded)"));
        }
        return rows;
    }

    private static void check(BarSeries loaded, BarSeries parsed) {
        if (loaded.size() != parsed.size() || !Arrays.equals(Arrays.copyOf(loaded.openTimes(), loaded.size()), Arrays.copyOf(parsed.openTimes(), parsed.size()))
                || !Arrays.equals(Arrays.copyOf(loaded.closes(), loaded.size()), Arrays.copyOf(parsed.closes(), parsed.size()))
                || !Arrays.equals(Arrays.copyOf(loaded.volumes(), loaded.size()), Arrays.copyOf(parsed.volumes(), parsed.size()))) {
            throw new IllegalStateException("the catalog does not give back the parsed bars");
        }
    }

    /** {@code n} 1-minute bars of a seeded geometric random walk from 2020-01-01. */
    static BarSeries randomWalk(int n, long seed) {
        Rng rng = new Rng(seed);
        BarSeries.Builder b = BarSeries.builder("bench_RW", Timeframe.M1, n);
        long t = TimeFormat.parse("2020-01-01T00:00:00Z");
        double close = 10_000;
        for (int i = 0; i < n; i++, t += 60_000) {
            double open = close;
            close = open * Math.exp(0.001 * rng.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.0005 * rng.nextDouble());
            double low = Math.min(open, close) * (1 - 0.0005 * rng.nextDouble());
            b.add(t, round(open), round(high), round(low), round(close), Math.round(rng.uniform(0.1, 50) * 1e6) / 1e6);
        }
        return b.build();
    }

    private static double round(double px) {
        return Math.round(px * 100) / 100.0;
    }

    static void writeCsv(BarSeries s, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("time,open,high,low,close,volume\n");
            for (int i = 0; i < s.size(); i++) {
                w.write(TimeFormat.iso(s.openTimeMs(i)) + "," + s.open(i) + "," + s.high(i) + "," + s.low(i) + "," + s.close(i) + "," + s.volume(i) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs this benchmark alone and prints its table: {@code java -cp ... io.tradeloop.bench.data.CatalogLoadBenchmark [--quick]}. */
    public static void main(String[] args) throws IOException {
        BenchOptions o = args.length > 0 && args[0].equals("--quick") ? BenchOptions.quickRun() : BenchOptions.full();
        System.out.println(BenchSuite.machine());
        System.out.print(BenchSuite.markdown(new CatalogLoadBenchmark().run(o)));
    }
}
