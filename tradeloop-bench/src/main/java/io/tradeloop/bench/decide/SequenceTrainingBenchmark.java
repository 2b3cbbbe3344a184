package io.tradeloop.bench.decide;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.decide.train.AssetFeatures;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.model.TrainingRun;
import io.tradeloop.learn.seq.SequenceEnsemble;
import io.tradeloop.learn.seq.SequenceModelConfig;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Training throughput of the sequence model (one member of the default architecture: window 32 of the
 * directional-4h features, conv 32 → LSTM 32 → 4-head attention → 3 classes, batch 128, Adam) in
 * samples per second over the training batches, on windows of the real BTC 4h features; and, in the
 * same run as the reference, its batched inference throughput on the same windows.
 */
public final class SequenceTrainingBenchmark implements Benchmark {
    @Override
    public String group() {
        return "decide";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) {
        var path = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        if (path.isEmpty()) {
            return List.of(BenchRow.skipped(group(), "sequence-model training throughput", SharedData.ABSENT));
        }
        var bars = OhlcvCsvReader.read(path.get(), ReadPolicy.REPAIR).value().withName("BTC");
        var asset = AssetFeatures.of("BTC", bars, FeatureSetDefinition.builtin("directional-4h"), TimeFormat.parse("2023-01-01"), 12);
        var x = new DesignMatrix(asset.scaled(), asset.rows(), asset.cols(), asset.columns());
        var cfg = SequenceModelConfig.defaults().withEnsembleSize(1).withEpochs(options.quick() ? 1 : 2);
        int w = cfg.window();
        int first = asset.firstReady() + w - 1;
        int n = Math.min(options.quick() ? 4096 : 12_288, asset.rows() - first - 1000);
        int[] train = IntStream.range(first, first + n).toArray();
        int[] valid = IntStream.range(first + n, first + n + 1000).toArray();
        // labels do not change the arithmetic of a training step: random classes keep the benchmark independent of the labeller
        var rnd = new Random(1);
        int[] y = IntStream.range(0, train.length).map(i -> rnd.nextInt(3)).toArray();
        int[] yv = IntStream.range(0, valid.length).map(i -> rnd.nextInt(3)).toArray();
        double trainSps;
        double inferSps;
        try (var ens = SequenceEnsemble.train(x, train, y, valid, yv, 3, cfg, TrainingRun.synthetic("bench", 1))) {
            trainSps = ens.provenance().metrics().get("train.samples_per_second");
            ens.meanProbabilities(x, valid); // warm
            long t0 = System.nanoTime();
            int reps = options.quick() ? 1 : 3;
            for (int r = 0; r < reps; r++) ens.meanProbabilities(x, train);
            inferSps = (double) reps * train.length / ((System.nanoTime() - t0) / 1e9);
        }
        String note = train.length + " windows of 32 x " + asset.cols() + " features, batch 128, "
                + System.getProperty("ai.djl.pytorch.num_threads", "?") + " PyTorch threads (CPU)";
        return List.of(new BenchRow(group(), "sequence model training", trainSps, "samples/s", "", note),
                new BenchRow(group(), "sequence model batched inference (reference)", inferSps, "samples/s", "", "batch 512, same run"),
                new BenchRow(group(), "training / inference throughput", trainSps / inferSps, "x", "", "backward + Adam cost"));
    }
}
