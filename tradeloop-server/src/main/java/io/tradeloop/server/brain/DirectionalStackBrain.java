package io.tradeloop.server.brain;

import io.tradeloop.decide.train.DirectionalBundle;
import io.tradeloop.decide.train.RunPeriods;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.server.agent.AgentException;
import io.tradeloop.server.agent.Brain;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.market.BarReplay;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directional decision stack as an agent brain ({@code directional-stack}): a bundle written by
 * {@code tradeloop train directional} (models, one fitted scaler per asset, the run's periods and fee)
 * and, per asset, the bar replay it trades, starting at the bundle's test period so a paper agent
 * trades only bars the models never trained or chose thresholds on. It holds read-only models; each
 * agent gets its own {@code DirectionalPaperTrader} with its own pipeline state.
 */
public final class DirectionalStackBrain implements Brain {
    public static final String ID = "directional-stack";
    /** All layers up to the risk layer (the online Q-learning adapter is left out: its state is not journaled). */
    public static final StackLevel LEVEL = StackLevel.RISK;

    private final DirectionalModels models;
    private final FeatureSetDefinition features;
    private final StackConfig stack;
    private final Map<String, FittedScaler> scalers;
    private final Map<String, BarReplay> replays;
    private final double takerFeeRate;
    private final ModelInfo model;

    public DirectionalStackBrain(DirectionalModels models, StackConfig stack, Map<String, FittedScaler> scalers, Map<String, BarReplay> replays,
                                 double takerFeeRate, ModelInfo model) {
        this.models = models;
        this.features = DirectionalBundle.features(models);
        if (replays.isEmpty()) {
            throw new IllegalArgumentException("the directional stack needs at least one asset with a scaler and bars");
        }
        for (String a : replays.keySet()) {
            if (!scalers.containsKey(a)) {
                throw new IllegalArgumentException("asset " + a + " has bars but no scaler in the bundle (has " + scalers.keySet() + ")");
            }
        }
        this.stack = stack;
        this.scalers = Map.copyOf(scalers);
        this.replays = new LinkedHashMap<>(replays);
        this.takerFeeRate = takerFeeRate;
        this.model = model;
    }

    /**
     * Loads a bundle directory ({@code models/}, {@code scalers/NAME.json}, {@code run.json}) and the 4h
     * OHLCV file of every asset that has a scaler in it.
     *
     * @param ohlcv asset → its 4h OHLCV CSV (assets without a scaler in the bundle are skipped)
     */
    public static DirectionalStackBrain load(Path bundle, Map<String, Path> ohlcv) {
        if (!DirectionalBundle.isBundle(bundle)) {
            throw new IllegalArgumentException("--directional-model " + bundle + " has no models/ folder: give the --out folder of "
                    + "'tradeloop train directional'");
        }
        DirectionalModels models = DirectionalBundle.models(bundle);
        RunPeriods run = DirectionalBundle.periods(bundle);
        long testStartMs = run.testStartMs();
        double fee = run.takerFeeRate();
        if (testStartMs <= 0 || !(fee >= 0 && fee < 0.05)) {
            throw new IllegalArgumentException(bundle.resolve("run.json") + " must hold testStartMs and takerFeeRate in [0, 0.05), got " + run);
        }
        Map<String, FittedScaler> scalers = new LinkedHashMap<>();
        Map<String, BarReplay> replays = new LinkedHashMap<>();
        for (var e : ohlcv.entrySet()) {
            if (!DirectionalBundle.hasScaler(bundle, e.getKey())) continue;
            scalers.put(e.getKey(), DirectionalBundle.scaler(bundle, e.getKey()));
            replays.put(e.getKey(), BarReplay.load(e.getKey(), e.getValue(), testStartMs, fee));
        }
        var p = models.provenance();
        Long trainedMs;
        try {
            trainedMs = p.createdAt() == null ? null : Instant.parse(p.createdAt()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            trainedMs = null; // provenance written by an older build: the status then shows no training time
        }
        String version = ID + "-" + (p.dataSha256() == null ? "unknown" : p.dataSha256().substring(0, Math.min(12, p.dataSha256().length())));
        var info = new ModelInfo(version, trainedMs, "directional stack (" + LEVEL.label() + ") from " + bundle + ", features "
                + models.featureSetVersion() + ", trading from its test start");
        return new DirectionalStackBrain(models, StackConfig.defaults(), scalers, replays, fee, info);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    public DirectionalModels models() {
        return models;
    }

    public FeatureSetDefinition features() {
        return features;
    }

    public StackConfig stack() {
        return stack;
    }

    public double takerFeeRate() {
        return takerFeeRate;
    }

    /** The assets this bundle can trade, in load order. */
    public List<String> assets() {
        return List.copyOf(replays.keySet());
    }

    /** The scaler the models were trained with for {@code asset}. */
    public FittedScaler scaler(String asset) {
        replay(asset);
        return scalers.get(asset);
    }

    /** The bar replay of {@code asset}; a 400 naming the field and the assets this bundle trades when it has none. */
    public BarReplay replay(String asset) {
        BarReplay r = replays.get(asset);
        if (r == null) {
            throw new AgentException(AgentException.Kind.INVALID, "asset", "the directional stack has no model inputs or bars for asset '"
                    + asset + "' (allowed: " + String.join(", ", replays.keySet()) + ")");
        }
        return r;
    }
}
