package io.tradeloop.bench.decide;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.decide.adapt.AdapterConfig;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.pipeline.BarInputs;
import io.tradeloop.decide.pipeline.DecisionPipeline;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.train.AssetFeatures;
import io.tradeloop.decide.train.DirectionalTrainer;
import io.tradeloop.decide.train.TrainConfig;
import io.tradeloop.decide.vote.Direction;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.seq.SequenceEnsemble;
import io.tradeloop.learn.seq.SequenceModelConfig;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RecordedMarket;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.RiskLayers;
import io.tradeloop.risk.TradeProposal;
import io.tradeloop.risk.TradingActivity;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency of the full directional decision path for one 4h bar, in process: feature update and
 * scaling → GBM direction and meta models, the 3-member sequence ensemble (DJL), the dynamics ensemble
 * → weighted vote, meta, confidence, regime and fuzzy gates, adapter → the 9-rule risk layer on an
 * entry proposal. Models are trained quickly on the real BTC 4h file (latency depends on the
 * architecture, not on how long it trained); the bars of 2023 are replayed after a warm-up on the
 * earlier ones. In the same run, with rounds alternating so each variant sees the same machine load: the
 * path with the sequence ensemble served by DJL at batch 1 (the previous serving path, "before") and
 * the path without the sequence ensemble (reference). The machine's load average is reported with it.
 */
public final class DecisionLatencyBenchmark implements Benchmark {
    private static final String FILE = "ohlcv/coinbase_BTC-USD_4h.csv";

    @Override
    public String group() {
        return "decide";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) {
        var path = SharedData.file(FILE);
        if (path.isEmpty()) {
            return List.of(BenchRow.skipped(group(), "decision path latency", SharedData.ABSENT));
        }
        BarSeries bars = OhlcvCsvReader.read(path.get(), ReadPolicy.REPAIR).value().withName("BTC");
        long from = TimeFormat.parse("2023-01-01");
        var features = FeatureSetDefinition.builtin("directional-4h");
        var asset = AssetFeatures.of("BTC", bars, features, from, 12);
        var cfg = TrainConfig.standard(7).withGbm(new GbmConfig(options.quick() ? 40 : 150, 20, 0.1, 3, 0.8, 0.8, 20, 5, 2))
                .withSequence(SequenceModelConfig.defaults().withEpochs(1));
        DirectionalModels models = new DirectionalTrainer(cfg).train(List.of(asset)).models();
        DirectionalModels noSeq = new DirectionalModels(models.primary(), models.meta(), null, models.dynamics(), Map.of("gbm",
                models.weight("gbm"), "dyn", models.weight("dyn")), models.metaThreshold(), models.signalScale(), models.labels(),
                models.featureSetVersion(), models.featureNames(), Map.of());

        DirectionalModels djl = new DirectionalModels(models.primary(), models.meta(),
                models.sequence().withServing(SequenceEnsemble.Serving.DJL), models.dynamics(), models.weights(), models.metaThreshold(),
                models.signalScale(), models.labels(), models.featureSetVersion(), models.featureNames(), Map.of());

        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // Rounds alternate between the variants so each sees the same machine load.
        int warm = options.warmupRounds();
        int rounds = options.rounds();
        List<Double> full = new ArrayList<>();
        List<Double> fullCpu = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<Double> beforeCpu = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        long gc0 = gcMillis();
        for (int round = 0; round < warm + rounds; round++) {
            boolean measured = round >= warm;
            replay(models, asset.scaler(), features, bars, asset.daily(), from, round, measured ? full : null, measured ? fullCpu : null);
            replay(djl, asset.scaler(), features, bars, asset.daily(), from, round, measured ? before : null, measured ? beforeCpu : null);
            replay(noSeq, asset.scaler(), features, bars, asset.daily(), from, round, measured ? reference : null, null);
        }
        long gcMs = gcMillis() - gc0;
        double[] after = toArray(full);
        double[] old = toArray(before);
        double[] ref = toArray(reference);
        double[][] seq = sequenceForward(models, djl, bars, asset, features, from);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String load = String.format(Locale.ROOT, "load average %.1f → %.1f on %d cores, GC %d ms over all rounds", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors(), gcMs);
        String note = "real BTC 4h, " + after.length + " bar decisions of 2023 (after warm-up), level " + StackLevel.ADAPTER.label() + "; " + load;
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow(group(), "decision path p50, one bar (features → models → arbitration → risk)", Measure.quantile(after, 0.5), "µs", "",
                note));
        rows.add(new BenchRow(group(), "decision path p99, one bar", Measure.quantile(after, 0.99), "µs", "<= 2000", note));
        rows.add(new BenchRow(group(), "decision path max, one bar", Measure.quantile(after, 1.0), "µs", "", note));
        double[] cpu = toArray(fullCpu);
        rows.add(new BenchRow(group(), "decision path thread CPU time p50", Measure.quantile(cpu, 0.5), "µs", "",
                "CPU time of the deciding thread: the path's cost without scheduling stalls"));
        rows.add(new BenchRow(group(), "decision path thread CPU time p99", Measure.quantile(cpu, 0.99), "µs", "", ""));
        rows.add(new BenchRow(group(), "before: same path, sequence ensemble through DJL at batch 1, p50", Measure.quantile(old, 0.5), "µs", "",
                "same run, alternating rounds"));
        rows.add(new BenchRow(group(), "before: same path, sequence ensemble through DJL at batch 1, p99", Measure.quantile(old, 0.99), "µs", "",
                "same run, alternating rounds"));
        rows.add(new BenchRow(group(), "before: thread CPU time p99", Measure.quantile(toArray(beforeCpu), 0.99), "µs", "", ""));
        rows.add(new BenchRow(group(), "p99 speed-up of the plain-Java sequence forward", Measure.quantile(old, 0.99) / Measure.quantile(after, 0.99),
                "x", "", "before p99 / after p99"));
        rows.add(new BenchRow(group(), "same path without the sequence ensemble, p99", Measure.quantile(ref, 0.99), "µs", "",
                "reference in the same run"));
        rows.add(new BenchRow(group(), "sequence ensemble alone (plain Java), p50", Measure.quantile(seq[0], 0.5), "µs", "",
                models.sequence().size() + " members × (conv → LSTM → attention → head), batch 1"));
        rows.add(new BenchRow(group(), "sequence ensemble alone (plain Java), p99", Measure.quantile(seq[0], 0.99), "µs", "", ""));
        rows.add(new BenchRow(group(), "sequence ensemble alone (DJL batch 1), p50", Measure.quantile(seq[1], 0.5), "µs", "", "reference"));
        rows.add(new BenchRow(group(), "sequence ensemble alone (DJL batch 1), p99", Measure.quantile(seq[1], 0.99), "µs", "", "reference"));
        return rows;
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    /**
     * Replays the bars from {@code from} through the serving path once; adds per-bar wall latencies in µs to
     * {@code out} and the deciding thread's CPU time per bar to {@code cpuOut} (each unless null).
     */
    static void replay(DirectionalModels models, FittedScaler scaler, FeatureSetDefinition features, BarSeries bars, BarSeries daily,
                       long from, int round, List<Double> out, List<Double> cpuOut) {
        var threads = ManagementFactory.getThreadMXBean();
        var inst = Instrument.linearPerp("coinbase", "BTC");
        var inputs = new BarInputs(models, scaler, features, Timeframe.H4, daily);
        var adapter = new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(round));
        var pipeline = new DecisionPipeline(models, StackLevel.ADAPTER, StackConfig.defaults(), inst.id(), adapter);
        RiskEngine risk = RiskLayers.directional();
        var portfolio = new Portfolio(10_000, 1);
        var market = new RecordedMarket(2000);
        var activity = TradingActivity.standard();
        int start = bars.lowerBound(from - bars.timeframe().millis());
        for (int i = 0; i < start; i++) {
            long t = bars.closeTimeMs(i);
            inputs.update(t, bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            market.onClose(inst.id(), bars.close(i), t);
            if (inputs.ready()) pipeline.observe(inputs.input(0, 0, 0));
        }
        for (int i = start; i < bars.size(); i++) {
            long t = bars.closeTimeMs(i);
            double c = bars.close(i);
            long c0 = cpuOut == null ? 0 : threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            inputs.update(t, bars.open(i), bars.high(i), bars.low(i), c, bars.volume(i));
            market.onClose(inst.id(), c, t);
            activity.recordEquity(t, portfolio.equityUsd());
            Decision d = pipeline.decide(inputs.input(0, 0, 0));
            Side side = d.vote().direction() == Direction.SHORT ? Side.SELL : Side.BUY;
            var proposal = new TradeProposal(List.of(new Leg(inst, side, 0.01, c, 1, false)), t, "bench");
            var verdict = risk.check(proposal, new RiskContext(portfolio, t, market, activity));
            long dt = System.nanoTime() - t0;
            long dc = cpuOut == null ? 0 : threads.getCurrentThreadCpuTime() - c0;
            if (verdict == null) throw new IllegalStateException("no verdict");
            if (out != null) out.add(dt / 1e3);
            if (cpuOut != null) cpuOut.add(dc / 1e3);
        }
    }

    /** Batch-1 forward of the sequence ensemble alone on the same windows, µs per call: [0] plain Java, [1] DJL (alternating calls). */
    private static double[][] sequenceForward(DirectionalModels models, DirectionalModels djl, BarSeries bars, AssetFeatures asset,
                                              FeatureSetDefinition features, long from) {
        var inputs = new BarInputs(models, asset.scaler(), features, Timeframe.H4, asset.daily());
        double[][] member = new double[models.sequence().size()][3];
        List<Double> jvm = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        int start = bars.lowerBound(from - bars.timeframe().millis());
        for (int i = 0; i < bars.size(); i++) {
            inputs.update(bars.closeTimeMs(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            var in = inputs.input(0, 0, 0);
            if (i < start || in.window() == null) continue;
            long t0 = System.nanoTime();
            models.sequence().predictWindow(in.window(), member);
            long t1 = System.nanoTime();
            djl.sequence().predictWindow(in.window(), member);
            long t2 = System.nanoTime();
            jvm.add((t1 - t0) / 1e3);
            ref.add((t2 - t1) / 1e3);
        }
        return new double[][] {toArray(jvm), toArray(ref)};
    }
}
