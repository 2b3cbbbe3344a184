package io.tradeloop.decide.train;

import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.model.ModelFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder {@code tradeloop train directional} writes and everything that trades from it reads: the
 * models ({@code models/}), one fitted scaler per asset ({@code scalers/NAME.json}) and the run's periods
 * and fee ({@code run.json}). One place for the layout, so the CLI and the agent service cannot drift apart.
 */
public final class DirectionalBundle {
    private DirectionalBundle() {
    }

    /** Writes a bundle: the models, every asset's scaler and the run's periods. */
    public static void write(Path dir, DirectionalModels models, Map<String, FittedScaler> scalers, RunPeriods periods) {
        try {
            Files.createDirectories(dir.resolve("scalers"));
            models.save(dir.resolve("models"));
            for (var e : scalers.entrySet()) {
                Files.writeString(scalerFile(dir, e.getKey()), e.getValue().toJson());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the directional bundle " + dir, e);
        }
        ModelFiles.writeJson(dir.resolve("run.json"), periods);
    }

    /** True when {@code dir} holds a {@code models/} folder. */
    public static boolean isBundle(Path dir) {
        return Files.isDirectory(dir.resolve("models"));
    }

    public static DirectionalModels models(Path dir) {
        return DirectionalModels.load(dir.resolve("models"));
    }

    public static RunPeriods periods(Path dir) {
        return ModelFiles.readJson(dir.resolve("run.json"), RunPeriods.class);
    }

    public static Path scalerFile(Path dir, String asset) {
        return dir.resolve("scalers").resolve(asset + ".json");
    }

    public static boolean hasScaler(Path dir, String asset) {
        return Files.isRegularFile(scalerFile(dir, asset));
    }

    /** The scaler the models were trained with for {@code asset}; the error names the asset and the file. */
    public static FittedScaler scaler(Path dir, String asset) {
        Path f = scalerFile(dir, asset);
        try {
            return FittedScaler.fromJson(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException("no scaler for asset " + asset + " in " + dir + " (" + f + ")", e);
        }
    }

    /** The feature set this build computes for {@code models}; refused when it is not the version they were trained on. */
    public static FeatureSetDefinition features(DirectionalModels models) {
        var features = FeatureSetDefinition.builtin(models.featureSetVersion().split("@")[0]);
        if (!features.id().equals(models.featureSetVersion())) {
            throw new IllegalArgumentException("the models were trained on features " + models.featureSetVersion() + ", this build computes "
                    + features.id() + ": retrain the bundle");
        }
        return features;
    }
}
