package io.tradeloop.cli.directional;

import io.tradeloop.decide.train.DirectionalBundle;
import io.tradeloop.core.random.Rng;
import io.tradeloop.decide.adapt.AdapterConfig;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.learn.model.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the Q-learning adapter's hyperparameters on the validation period only (2023-H1): each
 * configuration of a small grid starts a fresh adapter at the validation start and trades every asset
 * through the backtester at the full stack level, learning online as it goes. The score is what the
 * adapter added in P&amp;L on its own candidates: the shadow P&amp;L of the trades its parameters let
 * through less that of the base parameters, summed over the validation candidates (net of the round
 * trip) and averaged over the assets. It counts every candidate (a few dozen per asset and half-year),
 * where the backtest's Sharpe rests on the handful of trades that happened to be taken; ties go to the
 * higher mean validation Sharpe, then to the earlier configuration. The test period is never run here.
 */
public final class AdapterSelection {
    /** The file the chosen configuration is written to, beside the models. */
    public static final String CONFIG_FILE = "adapter-config.json";
    /** The file the whole search is written to. */
    public static final String REPORT_FILE = "adapter-selection.json";

    private AdapterSelection() {
    }

    /** One configuration's validation results. */
    public record Trial(Map<String, Object> config, Map<String, Double> sharpe, Map<String, Double> totalReturn, Map<String, Integer> trades,
                        Map<String, Long> scored, Map<String, Double> advantage, Map<String, Double> shadowPnlPct,
                        Map<String, Double> baseShadowPnlPct, double meanSharpe, double score) {
    }

    /** The search: every trial, the reference (the stack without the adapter, same period) and the choice. */
    public record Report(String criterion, Map<String, Double> riskLevelSharpe, Map<String, Double> riskLevelReturn, List<Trial> trials,
                         int chosen) {
    }

    /**
     * The drawdown penalty's scale ∈ {1, 4} (adverse excursion weighs as much as P&amp;L, or a quarter) × ε ∈
     * {0, 0.1} × α ∈ {0.05, 0.2}; γ 0, the Sharpe weight 0.1 and the deviation pull λ 0.02 fixed. λ is not
     * searched: it must be positive for no parameter region to be absorbing (see the adapter), and 2% of a
     * typical trade's reward per step only orders actions that outcomes leave tied.
     */
    public static List<AdapterConfig> grid() {
        List<AdapterConfig> g = new ArrayList<>();
        for (double drawdownScale : new double[] {1, 4}) {
            for (double eps : new double[] {0.0, 0.1}) {
                for (double alpha : new double[] {0.05, 0.2}) {
                    g.add(AdapterConfig.defaults().withLearning(alpha, 0.0, eps).withDrawdownScale(drawdownScale));
                }
            }
        }
        return g;
    }

    /** Runs the search over {@code files} (asset → 4h CSV) for the trained run in {@code runDir}; writes both files there. */
    public static AdapterConfig select(Path runDir, Map<String, Path> files, BacktestConfig backtest) {
        var models = DirectionalBundle.models(runDir);
        var periods = DirectionalBundle.periods(runDir);
        var features = DirectionalBundle.features(models);
        var ablation = new DirectionalAblation(models, periods, StackConfig.defaults(), backtest);
        Map<String, DirectionalAblation.AssetData> data = new LinkedHashMap<>();
        Map<String, FittedScaler> scalers = new LinkedHashMap<>();
        for (var e : files.entrySet()) {
            data.put(e.getKey(), DirectionalAblation.load(e.getKey(), e.getValue(), periods, DirectionalAblation.Period.VALIDATION));
            scalers.put(e.getKey(), DirectionalBundle.scaler(runDir, e.getKey()));
        }
        Map<String, Double> refSharpe = new LinkedHashMap<>();
        Map<String, Double> refReturn = new LinkedHashMap<>();
        for (var e : data.entrySet()) {
            var r = ablation.run(e.getValue(), scalers.get(e.getKey()), features, StackLevel.RISK, null).result().metrics();
            refSharpe.put(e.getKey(), r.sharpe());
            refReturn.put(e.getKey(), r.totalReturn());
        }
        List<Trial> trials = new ArrayList<>();
        List<AdapterConfig> grid = grid();
        int best = 0;
        for (int i = 0; i < grid.size(); i++) {
            AdapterConfig cfg = grid.get(i);
            Map<String, Double> sharpe = new LinkedHashMap<>();
            Map<String, Double> ret = new LinkedHashMap<>();
            Map<String, Integer> trades = new LinkedHashMap<>();
            Map<String, Long> scored = new LinkedHashMap<>();
            Map<String, Double> adv = new LinkedHashMap<>();
            Map<String, Double> shadow = new LinkedHashMap<>();
            Map<String, Double> baseShadow = new LinkedHashMap<>();
            double sum = 0;
            double sharpeSum = 0;
            for (var e : data.entrySet()) {
                var adapter = new QLearningParameterAdapter(cfg, new Rng(periods.seed()));
                var m = ablation.run(e.getValue(), scalers.get(e.getKey()), features, StackLevel.ADAPTER, adapter).result().metrics();
                sharpe.put(e.getKey(), m.sharpe());
                ret.put(e.getKey(), m.totalReturn());
                trades.put(e.getKey(), m.trades());
                scored.put(e.getKey(), adapter.scored());
                adv.put(e.getKey(), adapter.advantageSum());
                shadow.put(e.getKey(), adapter.takenPnlPct());
                baseShadow.put(e.getKey(), adapter.basePnlPct());
                sharpeSum += Double.isFinite(m.sharpe()) ? m.sharpe() : 0;
                sum += adapter.takenPnlPct() - adapter.basePnlPct();
            }
            double score = sum / data.size();
            double meanSharpe = sharpeSum / data.size();
            trials.add(new Trial(cfg.asMap(), sharpe, ret, trades, scored, adv, shadow, baseShadow, meanSharpe, score));
            System.out.printf(Locale.ROOT, "adapter trial %d: drawdown scale %.0f epsilon %.2f alpha %.2f -> shadow P&L over the base %+.3f%%, "
                    + "mean validation Sharpe %.3f %s%n", i, cfg.drawdownScale(), cfg.epsilonStart(), cfg.learningRate(), score, meanSharpe, sharpe);
            Trial b = trials.get(best);
            if (score > b.score() + 1e-9 || (Math.abs(score - b.score()) <= 1e-9 && meanSharpe > b.meanSharpe() + 1e-9)) best = i;
        }
        var report = new Report("mean over assets of the validation-period shadow P&L % of the adapter's parameters less the base parameters' "
                + "(fresh adapter at the validation start, learning online at level " + StackLevel.ADAPTER.label()
                + "); ties: higher mean validation Sharpe (no trades counts 0)", refSharpe, refReturn, trials, best);
        ModelFiles.writeJson(runDir.resolve(REPORT_FILE), report);
        ModelFiles.writeJson(runDir.resolve(CONFIG_FILE), grid.get(best));
        System.out.printf(Locale.ROOT, "adapter: chose trial %d on validation (shadow P&L over the base %+.3f%%, mean Sharpe %.3f; "
                + "the stack without it: %s)%n", best, trials.get(best).score(), trials.get(best).meanSharpe(), refSharpe);
        return grid.get(best);
    }

    /** The configuration chosen for a run, or the defaults (with a note) when the run has none. */
    public static AdapterConfig chosen(Path runDir) {
        Path f = runDir.resolve(CONFIG_FILE);
        if (!Files.exists(f)) {
            System.out.println("note: " + f + " is missing (run 'tradeloop train directional' again); using the adapter defaults");
            return AdapterConfig.defaults();
        }
        return ModelFiles.readJson(f, AdapterConfig.class);
    }

}
