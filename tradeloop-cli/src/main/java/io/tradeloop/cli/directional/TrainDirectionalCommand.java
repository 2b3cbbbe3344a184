package io.tradeloop.cli.directional;

import io.tradeloop.decide.train.RunPeriods;
import io.tradeloop.decide.train.DirectionalBundle;
import io.tradeloop.decide.train.AssetFeatures;
import io.tradeloop.decide.train.DirectionalTrainer;
import io.tradeloop.decide.train.TrainConfig;
import io.tradeloop.learn.model.ModelFiles;
import io.tradeloop.learn.seq.SequenceModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code tradeloop train directional}: trains the directional stack on the 4h files and saves the bundle. */
@Command(name = "directional", mixinStandardHelpOptions = true,
        description = "Train the directional stack (GBM direction + meta-label, sequence ensemble, dynamics ensemble): "
                + "train through 2022, validate 2023-H1, test 2023-H2 (scored only).")
public final class TrainDirectionalCommand implements Callable<Integer> {
    @Option(names = "--data", description = "NAME=FILE of a 4h OHLCV CSV (repeatable; default: the shared coinbase BTC and ETH 4h files)")
    List<String> data;

    @Option(names = "--out", defaultValue = "runs/directional", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "seed of every random draw (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-sequence", description = "skip the sequence ensemble (faster)")
    boolean noSequence;

    @Option(names = "--seq-epochs", defaultValue = "12", description = "sequence model epochs per member (default: ${DEFAULT-VALUE})")
    int seqEpochs;

    @Option(names = "--seq-members", defaultValue = "3", description = "sequence deep-ensemble members (default: ${DEFAULT-VALUE})")
    int seqMembers;

    @Option(names = "--fee", defaultValue = "0.001", description = "taker fee per side the evaluation assumes (default: ${DEFAULT-VALUE})")
    double fee;

    @Option(names = "--no-adapter-search", description = "skip choosing the Q-learning adapter's hyperparameters on validation (keeps the defaults)")
    boolean noAdapterSearch;

    @Override
    public Integer call() throws IOException {
        TrainConfig cfg = TrainConfig.standard(seed);
        cfg = cfg.withSequence(noSequence ? null : SequenceModelConfig.defaults().withEpochs(seqEpochs).withEnsembleSize(seqMembers));
        var files = DataFiles.parse(data);
        List<AssetFeatures> assets = new ArrayList<>();
        for (var e : files.entrySet()) {
            System.out.println("features: " + e.getKey() + " <- " + e.getValue());
            assets.add(AssetFeatures.load(e.getKey(), e.getValue(), cfg.features(), cfg.validationStartMs(), cfg.labels().horizonBars()));
        }
        System.out.println("training on " + files.keySet() + " (this takes minutes with the sequence ensemble) ...");
        var result = new DirectionalTrainer(cfg).train(assets);
        DirectionalBundle.write(out, result.models(), result.scalers(), new RunPeriods(cfg.validationStartMs(), cfg.testStartMs(), cfg.endMs(), seed, fee));
        ModelFiles.writeJson(out.resolve("train-config.json"), cfg.asMap());
        ModelFiles.writeJson(out.resolve("train-report.json"), new TreeMap<>(result.report()));
        print(result.report());
        if (!noAdapterSearch) {
            System.out.println("choosing the Q-learning adapter's hyperparameters on the validation period ...");
            AdapterSelection.select(out, files, io.tradeloop.engine.backtest.BacktestConfig.defaults());
        }
        System.out.println("saved " + out.toAbsolutePath() + " (models/, scalers/, run.json, train-report.json, " + AdapterSelection.CONFIG_FILE + ")");
        return 0;
    }

    private static void print(Map<String, Double> r) {
        System.out.println("\n| model | validation accuracy | validation log-loss | test accuracy | test log-loss |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String m : List.of("gbm", "seq", "dyn")) {
            if (!r.containsKey(m + ".validation.accuracy")) continue;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", m, r.get(m + ".validation.accuracy"), r.get(m + ".validation.log_loss"),
                    r.getOrDefault(m + ".test.accuracy", Double.NaN), r.getOrDefault(m + ".test.log_loss", Double.NaN));
        }
        System.out.printf(Locale.ROOT, "| vote | %.3f | | %.3f | |%n", r.get("vote.validation.accuracy"), r.get("vote.test.accuracy"));
        System.out.printf(Locale.ROOT, "class shares test: down %.3f flat %.3f up %.3f; chance line 0.333%n", r.get("test.share.down"),
                r.get("test.share.flat"), r.get("test.share.up"));
        System.out.printf(Locale.ROOT, "walk-forward OOF accuracy (train period): %.3f; meta threshold %.3f; weights gbm %.2f seq %.2f dyn %.2f%n",
                r.get("gbm.walk_forward_oof.accuracy"), r.get("meta.threshold"), r.getOrDefault("weight.gbm", 0.0),
                r.getOrDefault("weight.seq", 0.0), r.getOrDefault("weight.dyn", 0.0));
    }
}
