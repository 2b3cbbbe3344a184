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
import io.tradeloop.learn.seq.SequenceModelConfig;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RecordedMarket;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.RiskLayers;
import io.tradeloop.risk.TradeProposal;
import io.tradeloop.risk.TradingActivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency of the full directional decision path for one 4h bar, in process: feature update and
 * scaling → GBM direction and meta models, the 3-member sequence ensemble (DJL), the dynamics ensemble
 * → weighted vote, meta, confidence, regime and fuzzy gates, adapter → the 9-rule risk layer on an
 * entry proposal. Models are trained quickly on the real BTC 4h file (latency depends on the
 * architecture, not on how long it trained); the bars of 2023 are replayed after a warm-up on the
 * earlier ones. The same path without the sequence ensemble is measured in the same run as the reference.
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

        int warm = options.warmupRounds();
        int rounds = options.rounds();
        double[] full = replay(models, asset.scaler(), features, bars, asset.daily(), from, warm, rounds);
        double[] reference = replay(noSeq, asset.scaler(), features, bars, asset.daily(), from, warm, rounds);
        double[] seqOnly = sequenceForward(models, bars, asset, features, from);
        String note = "real BTC 4h, " + full.length + " bar decisions of 2023 (after warm-up), level " + StackLevel.ADAPTER.label();
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow(group(), "decision path p50, one bar (features → models → arbitration → risk)", Measure.quantile(full, 0.5), "µs", "", note));
        rows.add(new BenchRow(group(), "decision path p99, one bar", Measure.quantile(full, 0.99), "µs", "<= 2000", note));
        rows.add(new BenchRow(group(), "decision path max, one bar", Measure.quantile(full, 1.0), "µs", "", note));
        rows.add(new BenchRow(group(), "same path without the sequence ensemble, p99", Measure.quantile(reference, 0.99), "µs", "",
                "reference in the same run"));
        rows.add(new BenchRow(group(), "sequence ensemble share of the p50", Measure.quantile(seqOnly, 0.5) / Measure.quantile(full, 0.5), "x",
                "", "3 members × (conv → LSTM → attention → head), batch 1, p50 " + String.format(java.util.Locale.ROOT, "%.0f µs",
                Measure.quantile(seqOnly, 0.5))));
        return rows;
    }

    /** Replays the bars from {@code from} through the serving path; returns per-bar latencies in µs of the measured rounds. */
    static double[] replay(DirectionalModels models, FittedScaler scaler, FeatureSetDefinition features, BarSeries bars, BarSeries daily,
                           long from, int warmRounds, int rounds) {
        var inst = Instrument.linearPerp("coinbase", "BTC");
        List<Double> out = new ArrayList<>();
        for (int round = 0; round < warmRounds + rounds; round++) {
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
                long t0 = System.nanoTime();
                inputs.update(t, bars.open(i), bars.high(i), bars.low(i), c, bars.volume(i));
                market.onClose(inst.id(), c, t);
                activity.recordEquity(t, portfolio.equityUsd());
                Decision d = pipeline.decide(inputs.input(0, 0, 0));
                Side side = d.vote().direction() == Direction.SHORT ? Side.SELL : Side.BUY;
                var proposal = new TradeProposal(List.of(new Leg(inst, side, 0.01, c, 1, false)), t, "bench");
                var verdict = risk.check(proposal, new RiskContext(portfolio, t, market, activity));
                long dt = System.nanoTime() - t0;
                if (verdict == null) throw new IllegalStateException("no verdict");
                if (round >= warmRounds) out.add(dt / 1e3);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Batch-1 forward of the sequence ensemble alone on the same windows, µs per call. */
    private static double[] sequenceForward(DirectionalModels models, BarSeries bars, AssetFeatures asset, FeatureSetDefinition features, long from) {
        var inputs = new BarInputs(models, asset.scaler(), features, Timeframe.H4, asset.daily());
        double[][] member = new double[models.sequence().size()][3];
        List<Double> out = new ArrayList<>();
        int start = bars.lowerBound(from - bars.timeframe().millis());
        for (int i = 0; i < bars.size(); i++) {
            inputs.update(bars.closeTimeMs(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            var in = inputs.input(0, 0, 0);
            if (i < start || in.window() == null) continue;
            long t0 = System.nanoTime();
            models.sequence().predictWindow(in.window(), member);
            out.add((System.nanoTime() - t0) / 1e3);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
