package io.tradeloop.cli.directional;

import io.tradeloop.decide.train.RunPeriods;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.decide.adapt.AdapterConfig;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.ensemble.EnsembleStrategy;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.label.BarrierLabels;
import io.tradeloop.learn.label.TripleBarrierLabeler;
import io.tradeloop.risk.RecordedMarket;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.RiskLayers;
import io.tradeloop.risk.TradingActivity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the ablation ladder on the test period: buy-and-hold, then each {@link StackLevel} in turn,
 * every run through the same backtester, fees and slippage, on bars the training never saw (the bars
 * before the test start only warm up features, volatility and the regime detector).
 */
public final class DirectionalAblation {
    private final DirectionalModels models;
    private final RunPeriods periods;
    private final StackConfig stack;
    private final BacktestConfig backtest;

    public DirectionalAblation(DirectionalModels models, RunPeriods periods, StackConfig stack, BacktestConfig backtest) {
        this.models = models;
        this.periods = periods;
        this.stack = stack;
        this.backtest = backtest;
    }

    /** The bars of one asset, split into warm-up history and the test slice. */
    public record AssetData(String name, Instrument instrument, BarSeries all, BarSeries history, BarSeries test, BarSeries daily) {
    }

    /** Which held-out period a run trades. */
    public enum Period { VALIDATION, TEST }

    public static AssetData load(String name, Path csv, RunPeriods p, Period period) {
        BarSeries all = OhlcvCsvReader.read(csv, ReadPolicy.REPAIR).value().withName(name);
        BarSeries daily = BarResampler.resample(all, Timeframe.D1, PartialBars.DROP).bars();
        // the strategy decides at a bar's close: a period's bars are those closing at or after its start
        long tf = all.timeframe().millis();
        long from = period == Period.TEST ? p.testStartMs() : p.validationStartMs();
        long to = period == Period.TEST ? p.endMs() : p.testStartMs();
        BarSeries history = all.slice(all.firstOpenTimeMs(), from - tf);
        BarSeries test = all.slice(from - tf, to - tf);
        Instrument inst = Instrument.linearPerp("coinbase", name).withFees(p.takerFeeRate() / 2, p.takerFeeRate());
        return new AssetData(name, inst, all, history, test, daily);
    }

    /** Buy-and-hold of one asset over the test slice. */
    public BacktestResult buyAndHold(AssetData a) {
        return new Backtest(List.of(MarketFeed.of(a.instrument(), a.test())), new BuyAndHold(0, 0.99), DefaultRisk.directional(), backtest).run();
    }

    /** One stack level on one asset; the strategy (with its decisions) is returned with the result. */
    public record LevelRun(BacktestResult result, EnsembleStrategy strategy, QLearningParameterAdapter adapter) {
    }

    /** A fresh adapter at its default parameters. */
    public static QLearningParameterAdapter freshAdapter(AdapterConfig config, long seed) {
        return new QLearningParameterAdapter(config, new Rng(seed));
    }

    /** @param adapter the adapter the ADAPTER level uses (learning as it trades); ignored below it */
    public LevelRun run(AssetData a, FittedScaler scaler, FeatureSetDefinition features, StackLevel level, QLearningParameterAdapter adapter) {
        var market = new RecordedMarket(2000);
        var activity = TradingActivity.standard();
        if (!level.has(StackLevel.ADAPTER)) adapter = null;
        var strategy = new EnsembleStrategy(models, scaler, new EnsembleStrategy.Config(0, level, stack, features, a.history(), a.daily()),
                adapter, market, activity);
        RiskEngine risk = level.has(StackLevel.RISK) ? RiskLayers.directional() : DefaultRisk.directional();
        var result = new Backtest(List.of(MarketFeed.of(a.instrument(), a.test())), strategy, risk, backtest, null, market, activity).run();
        return new LevelRun(result, strategy, adapter);
    }

    /**
     * 3-class accuracy of the decisions' vote directions against the triple-barrier labels of their bars:
     * [accuracy, bars counted, share of the commonest class among those bars (the majority-class accuracy),
     * shares of down, flat, up].
     */
    public double[] accuracy(AssetData a, List<Decision> decisions) {
        var labeler = new TripleBarrierLabeler(models.labels());
        BarSeries b = a.all();
        BarrierLabels up = labeler.label(b.opens(), b.highs(), b.lows(), b.closes(), b.size(), 1);
        int correct = 0;
        int n = 0;
        int[] classes = new int[3];
        long tf = b.timeframe().millis();
        for (Decision d : decisions) {
            if (d.vote() == null) continue;
            int i = b.lowerBound(d.timeMs() - tf);
            if (i >= b.size() || b.closeTimeMs(i) != d.timeMs() || !up.isLabelled(i)) continue;
            n++;
            classes[up.classIndex(i)]++;
            if (d.vote().direction().classIndex() == up.classIndex(i)) correct++;
        }
        int most = Math.max(classes[0], Math.max(classes[1], classes[2]));
        return new double[] {n == 0 ? Double.NaN : (double) correct / n, n, n == 0 ? Double.NaN : (double) most / n,
                (double) classes[0] / Math.max(1, n), (double) classes[1] / Math.max(1, n), (double) classes[2] / Math.max(1, n)};
    }

    public static AblationRow row(String asset, String stack, BacktestResult r, double[] acc) {
        var m = r.metrics();
        return new AblationRow(asset, stack, m.sharpe(), m.totalReturn(), m.maxDrawdown(), m.trades(), m.winRate(), m.profitFactor(),
                acc == null ? Double.NaN : acc[0], acc == null ? 0 : (int) acc[1], m.feesPaidUsd());
    }

    public static String markdown(List<AblationRow> rows) {
        var sb = new StringBuilder();
        sb.append("| asset | stack | Sharpe | return | max DD | trades | win rate | profit factor | 3-class acc. (chance 0.333) |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (AblationRow r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %s | %s |%n", r.asset(), r.stack(), f2(r.sharpe()),
                    pct(r.totalReturn()), pct(r.maxDrawdown()), r.trades(), r.trades() == 0 ? "–" : pct(r.winRate()),
                    r.trades() == 0 ? "–" : f2(r.profitFactor()), Double.isNaN(r.accuracy()) ? "–" : String.format(Locale.ROOT, "%.3f", r.accuracy())));
        }
        return sb.toString();
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static List<StackLevel> ladder() {
        return new ArrayList<>(List.of(StackLevel.values()));
    }
}
