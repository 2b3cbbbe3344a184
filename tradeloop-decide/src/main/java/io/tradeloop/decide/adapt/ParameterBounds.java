package io.tradeloop.decide.adapt;

import io.tradeloop.core.config.Checks;

/**
 * Safe bounds and nudge steps for every adapted parameter; each nudge is clamped into its bounds, so
 * no sequence of actions can leave them.
 *
 * @param defaults where every parameter starts (and returns to on a corrupt state file)
 * @param min      lower bounds
 * @param max      upper bounds
 * @param step     the change one action makes
 */
public record ParameterBounds(AdaptedParameters defaults, AdaptedParameters min, AdaptedParameters max, AdaptedParameters step) {
    public ParameterBounds {
        check("confidence_threshold", defaults.confidenceThreshold(), min.confidenceThreshold(), max.confidenceThreshold(), step.confidenceThreshold());
        check("size_multiplier", defaults.sizeMultiplier(), min.sizeMultiplier(), max.sizeMultiplier(), step.sizeMultiplier());
        check("stop_multiplier", defaults.stopMultiplier(), min.stopMultiplier(), max.stopMultiplier(), step.stopMultiplier());
        check("take_profit_multiplier", defaults.takeProfitMultiplier(), min.takeProfitMultiplier(), max.takeProfitMultiplier(),
                step.takeProfitMultiplier());
        check("risk_multiplier", defaults.riskMultiplier(), min.riskMultiplier(), max.riskMultiplier(), step.riskMultiplier());
    }

    private static void check(String name, double def, double lo, double hi, double step) {
        if (!(lo < hi)) {
            throw new io.tradeloop.core.config.ConfigException(name, "bounds [" + lo + ", " + hi + "] are empty");
        }
        Checks.inRange(name + ".default", def, lo, hi);
        Checks.inRange(name + ".step", step, 1e-9, hi - lo);
    }

    /**
     * Confidence threshold 0.30–0.60 (default 0.40, step 0.02), size 0.25–1.5 (1.0, 0.1), stop 1–4 ATR
     * multiplier 0.5–2 (1.0, 0.1), take-profit 0.5–2 (1.0, 0.1), risk 0.5–1.5 (1.0, 0.1).
     */
    public static ParameterBounds standard() {
        return new ParameterBounds(new AdaptedParameters(0.40, 1.0, 1.0, 1.0, 1.0), new AdaptedParameters(0.30, 0.25, 0.5, 0.5, 0.5),
                new AdaptedParameters(0.60, 1.5, 2.0, 2.0, 1.5), new AdaptedParameters(0.02, 0.1, 0.1, 0.1, 0.1));
    }

    /** {@code p} with every field clamped into the bounds. */
    public AdaptedParameters clamp(AdaptedParameters p) {
        return new AdaptedParameters(c(p.confidenceThreshold(), min.confidenceThreshold(), max.confidenceThreshold()),
                c(p.sizeMultiplier(), min.sizeMultiplier(), max.sizeMultiplier()),
                c(p.stopMultiplier(), min.stopMultiplier(), max.stopMultiplier()),
                c(p.takeProfitMultiplier(), min.takeProfitMultiplier(), max.takeProfitMultiplier()),
                c(p.riskMultiplier(), min.riskMultiplier(), max.riskMultiplier()));
    }

    /** True when every field is finite and inside its bounds. */
    public boolean contains(AdaptedParameters p) {
        return p != null && p.equals(clamp(p)) && Double.isFinite(p.confidenceThreshold()) && Double.isFinite(p.sizeMultiplier())
                && Double.isFinite(p.stopMultiplier()) && Double.isFinite(p.takeProfitMultiplier()) && Double.isFinite(p.riskMultiplier());
    }

    private static double c(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
