package io.tradeloop.cli.directional;

import io.tradeloop.decide.train.RunPeriods;
import io.tradeloop.decide.train.DirectionalBundle;
import io.tradeloop.core.random.Rng;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.features.scaling.FittedScaler;

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
        var models = DirectionalBundle.models(model);
        var p = DirectionalBundle.periods(model);
        var periods = new RunPeriods(p.validationStartMs(), fromMs == null ? p.testStartMs() : fromMs, toMs == null ? p.endMs() : toMs, p.seed(),
                takerFee == null ? p.takerFeeRate() : takerFee);
        var features = DirectionalBundle.features(models);
        if (!DirectionalBundle.hasScaler(model, asset)) {
            throw new IllegalArgumentException("no scaler for asset " + asset + " in " + model + " (" + DirectionalBundle.scalerFile(model, asset)
                    + "); pass --asset");
        }
        FittedScaler scaler = DirectionalBundle.scaler(model, asset);
        var data = DirectionalAblation.load(asset, file, periods, DirectionalAblation.Period.TEST);
        QLearningParameterAdapter adapter = QLearningParameterAdapter.load(model.resolve("adapter-" + asset + "-after-validation.json"),
                AdapterSelection.chosen(model), new Rng(p.seed()));
        var ablation = new DirectionalAblation(models, periods, StackConfig.defaults(), config);
        return ablation.run(data, scaler, features, level, adapter).result();
    }
}
