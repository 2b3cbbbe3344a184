package io.tradeloop.decide.pipeline;

import io.tradeloop.core.config.Checks;
import io.tradeloop.decide.regime.RegimeConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds and sizes of the directional stack (the models' own thresholds, the meta threshold and the
 * signal scale, come with the trained {@link DirectionalModels}).
 *
 * @param supportThreshold  share of voting weight a side needs, in [0.34, 1] (default 0.5)
 * @param minConfidence     confidence gate on the vote's confidence, in [0, 1] (default 0.4; the adapter moves it)
 * @param minFuzzyAction    |fuzzy action| needed to enter, in [0, 1] (default 0.15)
 * @param baseFraction      entry notional as a fraction of equity before sizing factors, in (0, 5] (default 0.95: room for fees)
 * @param leverage          leverage of entries, in [1, 10] (default 1)
 * @param riskPerTrade      at the risk level, the equity a stop-out may lose, in (0, 1] (default 0.02); the adapter's
 *                          risk multiplier scales it
 * @param regime            regime detection and debounce
 */
public record StackConfig(double supportThreshold, double minConfidence, double minFuzzyAction, double baseFraction, double leverage,
                          double riskPerTrade, RegimeConfig regime) {
    public StackConfig {
        Checks.inRange("support_threshold", supportThreshold, 0.34, 1);
        Checks.inRange("min_confidence", minConfidence, 0, 1);
        Checks.inRange("min_fuzzy_action", minFuzzyAction, 0, 1);
        Checks.inRange("base_fraction", baseFraction, 1e-4, 5);
        Checks.inRange("leverage", leverage, 1, 10);
        Checks.inRange("risk_per_trade", riskPerTrade, 1e-5, 1);
        Checks.notNull("regime", regime);
    }

    public static StackConfig defaults() {
        return new StackConfig(0.5, 0.4, 0.15, 0.95, 1.0, 0.02, RegimeConfig.defaults());
    }

    public Map<String, Object> asMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("support_threshold", supportThreshold);
        m.put("min_confidence", minConfidence);
        m.put("min_fuzzy_action", minFuzzyAction);
        m.put("base_fraction", baseFraction);
        m.put("leverage", leverage);
        m.put("risk_per_trade", riskPerTrade);
        m.put("regime", regime);
        return m;
    }
}
