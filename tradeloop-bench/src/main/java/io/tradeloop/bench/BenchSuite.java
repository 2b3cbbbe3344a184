package io.tradeloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every benchmark of {@code tradeloop bench}, listed explicitly (add one line per benchmark), and the
 * table they print.
 */
public final class BenchSuite {
    private BenchSuite() {
    }

    /** The benchmarks in the order the table shows them. */
    public static List<Benchmark> all() {
        return List.of(
                new io.tradeloop.bench.backtest.SmaBacktestBenchmark(),
                new io.tradeloop.bench.data.CatalogLoadBenchmark(),
                new io.tradeloop.bench.features.FeatureUpdateBenchmark(),
                new io.tradeloop.bench.decide.DecisionLatencyBenchmark(),
                new io.tradeloop.bench.decide.SequenceTrainingBenchmark(),
                new io.tradeloop.bench.rl.FundingEnvBenchmark(),
                new io.tradeloop.bench.rl.ModularNetworkBenchmark(),
                new io.tradeloop.bench.rl.PpoThroughputBenchmark(),
                new io.tradeloop.bench.server.PredictMultiBenchmark(),
                new io.tradeloop.bench.server.SseFanoutBenchmark()
        );
    }

    /** Runs the benchmarks whose group matches one of {@code groups} (all when empty). */
    public static List<BenchRow> run(List<Benchmark> benchmarks, List<String> groups, BenchOptions options,
                                     java.util.function.Consumer<String> progress) {
        List<BenchRow> rows = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            if (!groups.isEmpty() && !groups.contains(b.group())) {
                continue;
            }
            progress.accept(String.format(Locale.ROOT, "bench: %s (%s) ... load average %.2f", b.group(), b.getClass().getSimpleName(),
                    Measure.loadAverage()));
            try {
                rows.addAll(b.run(options));
            } catch (Exception e) {
                rows.add(BenchRow.skipped(b.group(), b.getClass().getSimpleName(), "failed: " + e));
            }
        }
        return rows;
    }

    /** A Markdown table: the form the README carries. */
    public static String markdown(List<BenchRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| group | metric | value | unit | target | note |\n|---|---|---:|---|---|---|\n");
        for (BenchRow r : rows) {
            sb.append("| ").append(r.group()).append(" | ").append(r.metric()).append(" | ")
                    .append(r.isSkipped() ? "–" : format(r.value())).append(" | ").append(r.unit()).append(" | ")
                    .append(r.target()).append(" | ").append(r.note()).append(" |\n");
        }
        return sb.toString();
    }

    /** Human figures: 12,345,678 / 1,234.5 / 0.0123. */
    public static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 0.1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** The machine the figures were taken on, for the table's caption. */
    public static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not Linux: the caption says "unknown CPU"
        }
        return String.format(Locale.ROOT, "%s, %d cores visible, %d MiB max heap, Java %s, load average %.2f (1 min, end of run)", cpu,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, Runtime.version(), Measure.loadAverage());
    }
}
