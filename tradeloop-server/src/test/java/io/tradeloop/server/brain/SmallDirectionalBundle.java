package io.tradeloop.server.brain;

import io.tradeloop.decide.train.DirectionalBundle;
import io.tradeloop.decide.train.RunPeriods;
import io.tradeloop.core.SharedData;
import io.tradeloop.decide.train.AssetFeatures;
import io.tradeloop.decide.train.DirectionalTrainer;
import io.tradeloop.decide.train.TrainConfig;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.gbm.GbmConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A directional bundle in the layout {@code tradeloop train directional} writes (models/, scalers/BTC.json,
 * run.json), trained once per test JVM on the real BTC 4h bars with a small GBM and no sequence ensemble,
 * so it takes seconds. Empty when the shared data is absent.
 */
public final class SmallDirectionalBundle {
    public static final String BTC_FILE = "ohlcv/coinbase_BTC-USD_4h.csv";
    private static Path bundle;

    private SmallDirectionalBundle() {
    }

    /** The BTC 4h file, when the shared data is present. */
    public static Optional<Path> btcFile() {
        return SharedData.file(BTC_FILE);
    }

    /** The bundle's folder (trained on first use), or empty without the shared data. */
    public static synchronized Optional<Path> get() {
        var csv = btcFile();
        if (csv.isEmpty()) return Optional.empty();
        if (bundle == null) {
            try {
                Path dir = Files.createTempDirectory("tradeloop-directional");
                var cfg = TrainConfig.standard(3).withGbm(new GbmConfig(30, 10, 0.1, 3, 0.8, 0.8, 20, 5, 1)).withSequence(null);
                var asset = AssetFeatures.load("BTC", csv.get(), FeatureSetDefinition.builtin("directional-4h"), cfg.validationStartMs(),
                        cfg.labels().horizonBars());
                var result = new DirectionalTrainer(cfg).train(java.util.List.of(asset));
                DirectionalBundle.write(dir, result.models(), Map.of("BTC", result.scalers().get("BTC")),
                        new RunPeriods(cfg.validationStartMs(), cfg.testStartMs(), cfg.endMs(), 3L, 0.001));
                bundle = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(bundle);
    }

    /** The brain over the bundle and the BTC file. */
    public static Optional<DirectionalStackBrain> brain() {
        return get().map(b -> DirectionalStackBrain.load(b, Map.of("BTC", btcFile().orElseThrow())));
    }
}
