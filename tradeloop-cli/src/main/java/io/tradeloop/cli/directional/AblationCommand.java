package io.tradeloop.cli.directional;

import io.tradeloop.decide.train.DirectionalBundle;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.report.HtmlReport;
import io.tradeloop.engine.report.JsonReport;
import io.tradeloop.features.scaling.FittedScaler;
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
        var models = DirectionalBundle.models(model);
        var periods = DirectionalBundle.periods(model);
        var features = DirectionalBundle.features(models);
        var ablation = new DirectionalAblation(models, periods, StackConfig.defaults(), BacktestConfig.defaults().withCapital(capital));
        List<AblationRow> rows = new ArrayList<>();
        List<String> classLines = new ArrayList<>();
        var adapterConfig = AdapterSelection.chosen(model);
        var json = new ObjectMapper().findAndRegisterModules();
        for (var e : DataFiles.parse(data).entrySet()) {
            String name = e.getKey();
            FittedScaler scaler = DirectionalBundle.scaler(model, name);
            var asset = DirectionalAblation.load(name, e.getValue(), periods, period);
            System.out.println("ablation: " + name + " " + period.name().toLowerCase(java.util.Locale.ROOT) + " bars " + asset.test().size());
            rows.add(DirectionalAblation.row(name, "buy-and-hold", ablation.buyAndHold(asset), null));
            for (StackLevel level : StackLevel.values()) {
                var adapter = DirectionalAblation.freshAdapter(adapterConfig, periods.seed());
                if (level == StackLevel.ADAPTER && period == DirectionalAblation.Period.TEST) {
                    // The adapter learns online; deployed at the validation start it would have traded 2023-H1 already:
                    // let it learn there, persist its state, and restore it for the test period.
                    var warm = DirectionalAblation.load(name, e.getValue(), periods, DirectionalAblation.Period.VALIDATION);
                    ablation.run(warm, scaler, features, level, adapter);
                    Path state = model.resolve("adapter-" + name + "-after-validation.json");
                    adapter.save(state);
                    adapter = io.tradeloop.decide.adapt.QLearningParameterAdapter.load(state, adapterConfig,
                            new io.tradeloop.core.random.Rng(periods.seed()));
                    System.out.println("adapter warmed on validation: candidates scored " + adapter.scored() + " (taken " + adapter.taken()
                            + "), advantage over the base " + String.format(java.util.Locale.ROOT, "%.2f", adapter.advantageSum())
                            + ", epsilon " + adapter.epsilon() + ", parameters " + adapter.parameters());
                }
                var run = ablation.run(asset, scaler, features, level, adapter);
                double[] acc = ablation.accuracy(asset, run.strategy().decisions());
                rows.add(DirectionalAblation.row(name, level.label(), run.result(), acc));
                if (level == StackLevel.PRIMARY) {
                    classLines.add(String.format(java.util.Locale.ROOT,
                            "%s: %d labelled bars; class shares down %.3f, flat %.3f, up %.3f; majority-class accuracy %.3f; chance 0.333",
                            name, (int) acc[1], acc[3], acc[4], acc[5], acc[2]));
                }
                if (level == StackLevel.ADAPTER && run.adapter() != null) {
                    var ad = run.adapter();
                    classLines.add(String.format(java.util.Locale.ROOT,
                            "%s adapter at the end: candidates scored %d (taken by its parameters %d, of which won %d); shadow P&L of its parameters "
                                    + "%+.2f%% vs the base parameters' %+.2f%% (sums of per-trade equity %%, net of the round trip); reward advantage %.2f; "
                                    + "parameters %s",
                            name, ad.scored(), ad.taken(), ad.wins(), ad.takenPnlPct(), ad.basePnlPct(), ad.advantageSum(), ad.parameters()));
                }
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
        String table = DirectionalAblation.markdown(rows) + "\n" + String.join("\n", classLines) + "\n";
        System.out.println();
        System.out.print(table);
        String suffix = period == DirectionalAblation.Period.TEST ? "" : "-validation";
        Files.writeString(model.resolve("ablation" + suffix + ".md"), table);
        ModelFiles.writeJson(model.resolve("ablation" + suffix + ".json"), rows);
        System.out.println("wrote " + model.resolve("ablation" + suffix + ".md") + ", report-*.html, decisions-*.jsonl");
        return 0;
    }
}
