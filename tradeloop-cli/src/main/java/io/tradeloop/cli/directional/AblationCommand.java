package io.tradeloop.cli.directional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.report.HtmlReport;
import io.tradeloop.engine.report.JsonReport;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.model.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop ablation}: the directional stack's ablation table on the test period of a trained run
 * (buy-and-hold, then each layer added in turn), with an HTML report and the decision records of the full stack.
 */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = "Backtest buy-and-hold and each layer of the directional stack on the test period a run never trained on.")
public final class AblationCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "runs/directional", description = "a folder written by 'tradeloop train directional' (default: ${DEFAULT-VALUE})")
    Path model;

    @Option(names = "--data", description = "NAME=FILE of a 4h OHLCV CSV (repeatable; default: the shared coinbase BTC and ETH 4h files)")
    List<String> data;

    @Option(names = "--capital", defaultValue = "10000", description = "initial capital per asset in USD (default: ${DEFAULT-VALUE})")
    double capital;

    @Option(names = "--period", defaultValue = "test",
            description = "test (the period the run never trained or chose on) or validation (for design work; optimistic, its thresholds were chosen there)")
    DirectionalAblation.Period period;

    @Override
    public Integer call() throws IOException {
        var models = DirectionalModels.load(model.resolve("models"));
        var periods = ModelFiles.readJson(model.resolve("run.json"), RunPeriods.class);
        var features = FeatureSetDefinition.builtin(models.featureSetVersion().split("@")[0]);
        if (!features.id().equals(models.featureSetVersion())) {
            throw new IllegalArgumentException("the models were trained on features " + models.featureSetVersion() + ", this build computes "
                    + features.id() + ": retrain");
        }
        var ablation = new DirectionalAblation(models, periods, StackConfig.defaults(), BacktestConfig.defaults().withCapital(capital));
        List<AblationRow> rows = new ArrayList<>();
        var json = new ObjectMapper().findAndRegisterModules();
        for (var e : DataFiles.parse(data).entrySet()) {
            String name = e.getKey();
            FittedScaler scaler = FittedScaler.fromJson(Files.readString(model.resolve("scalers").resolve(name + ".json")));
            var asset = DirectionalAblation.load(name, e.getValue(), periods, period);
            System.out.println("ablation: " + name + " " + period.name().toLowerCase(java.util.Locale.ROOT) + " bars " + asset.test().size());
            rows.add(DirectionalAblation.row(name, "buy-and-hold", ablation.buyAndHold(asset), null));
            for (StackLevel level : StackLevel.values()) {
                var adapter = DirectionalAblation.freshAdapter(periods.seed());
                if (level == StackLevel.ADAPTER && period == DirectionalAblation.Period.TEST) {
                    // The adapter learns online; deployed at the validation start it would have traded 2023-H1 already:
                    // let it learn there, persist its state, and restore it for the test period.
                    var warm = DirectionalAblation.load(name, e.getValue(), periods, DirectionalAblation.Period.VALIDATION);
                    ablation.run(warm, scaler, features, level, adapter);
                    Path state = model.resolve("adapter-" + name + "-after-validation.json");
                    adapter.save(state);
                    adapter = io.tradeloop.decide.adapt.QLearningParameterAdapter.load(state, io.tradeloop.decide.adapt.AdapterConfig.defaults(),
                            new io.tradeloop.core.random.Rng(periods.seed()));
                    System.out.println("adapter warmed on validation: trades " + adapter.trades() + ", epsilon " + adapter.epsilon()
                            + ", parameters " + adapter.parameters());
                }
                var run = ablation.run(asset, scaler, features, level, adapter);
                double[] acc = ablation.accuracy(asset, run.strategy().decisions());
                rows.add(DirectionalAblation.row(name, level.label(), run.result(), acc));
                System.out.println(DirectionalAblation.markdown(rows.subList(rows.size() - 1, rows.size())).lines().skip(2).findFirst().orElse(""));
                if (level == StackLevel.ADAPTER && period == DirectionalAblation.Period.TEST) {
                    HtmlReport.write(run.result(), model.resolve("report-" + name + ".html"));
                    JsonReport.write(run.result(), model.resolve("report-" + name + ".json"));
                    try (BufferedWriter w = Files.newBufferedWriter(model.resolve("decisions-" + name + ".jsonl"))) {
                        for (var d : run.strategy().decisions()) {
                            w.write(json.writeValueAsString(d));
                            w.newLine();
                        }
                    }
                    run.adapter().save(model.resolve("adapter-" + name + ".json"));
                }
            }
        }
        String table = DirectionalAblation.markdown(rows);
        System.out.println();
        System.out.print(table);
        String suffix = period == DirectionalAblation.Period.TEST ? "" : "-validation";
        Files.writeString(model.resolve("ablation" + suffix + ".md"), table);
        ModelFiles.writeJson(model.resolve("ablation" + suffix + ".json"), rows);
        System.out.println("wrote " + model.resolve("ablation" + suffix + ".md") + ", report-*.html, decisions-*.jsonl");
        return 0;
    }
}
