package io.tradeloop.features.scaling;

import io.tradeloop.core.config.Checks;

/**
 * How features are scaled and checked.
 *
 * @param clipZ          scaled values are clipped to [-clipZ, +clipZ] robust standard deviations; 1..1000
 *                       (default 5)
 * @param maxBadFraction a feature with more NaN/Inf than this fraction of the training rows is
 *                       {@link CollapseFinding.Kind#MOSTLY_BAD}; 0..1 (default 0.5)
 * @param onCollapse     what to do with collapsed features (default {@link CollapsePolicy#REPORT})
 */
public record ScalingConfig(double clipZ, double maxBadFraction, CollapsePolicy onCollapse) {
    public ScalingConfig {
        Checks.inRange("clipZ", clipZ, 1.0, 1000.0);
        Checks.inRange("maxBadFraction", maxBadFraction, 0.0, 1.0);
        Checks.notNull("onCollapse", onCollapse);
    }

    public static ScalingConfig defaults() {
        return new ScalingConfig(5.0, 0.5, CollapsePolicy.REPORT);
    }

    public ScalingConfig withPolicy(CollapsePolicy policy) {
        return new ScalingConfig(clipZ, maxBadFraction, policy);
    }
}
