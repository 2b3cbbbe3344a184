package io.tradeloop.cli.directional;

import io.tradeloop.core.random.Rng;
import io.tradeloop.decide.adapt.AdapterConfig;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.model.ModelFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tradeloop backtest --strategy ensemble}: one stack level of a trained directional run on one
 * OHLCV file, by default over the run's test period (bars before it only warm the stack up).
 */
public final class EnsembleBacktest {
    private EnsembleBacktest() {
    }

    /**
     * @param model   a folder written by {@code tradeloop train directional}
     * @param file    the OHLCV CSV
     * @param asset   the scaler to use (the run's asset name, e.g. BTC)
     * @param fromMs  first decision time, or null for the run's test start
     * @param toMs    end, or null for the run's end
     * @param takerFee taker fee per side, or null for the run's
     */
    public static BacktestResult run(Path model, Path file, String asset, Long fromMs, Long toMs, StackLevel level, BacktestConfig config,
                                     Double takerFee) {
        var models = DirectionalModels.load(model.resolve("models"));
        var p = ModelFiles.readJson(model.resolve("run.json"), RunPeriods.class);
        var periods = new RunPeriods(p.validationStartMs(), fromMs == null ? p.testStartMs() : fromMs, toMs == null ? p.endMs() : toMs, p.seed(),
                takerFee == null ? p.takerFeeRate() : takerFee);
        var features = FeatureSetDefinition.builtin(models.featureSetVersion().split("@")[0]);
        if (!features.id().equals(models.featureSetVersion())) {
            throw new IllegalArgumentException("the models were trained on features " + models.featureSetVersion() + ", this build computes "
                    + features.id() + ": retrain");
        }
        Path scalerFile = model.resolve("scalers").resolve(asset + ".json");
        FittedScaler scaler;
        try {
            scaler = FittedScaler.fromJson(Files.readString(scalerFile));
        } catch (IOException e) {
            throw new UncheckedIOException("no scaler for asset " + asset + " in " + model + " (" + scalerFile + "); pass --asset", e);
        }
        var data = DirectionalAblation.load(asset, file, periods, DirectionalAblation.Period.TEST);
        QLearningParameterAdapter adapter = QLearningParameterAdapter.load(model.resolve("adapter-" + asset + "-after-validation.json"),
                AdapterConfig.defaults(), new Rng(p.seed()));
        var ablation = new DirectionalAblation(models, periods, StackConfig.defaults(), config);
        return ablation.run(data, scaler, features, level, adapter).result();
    }
}
