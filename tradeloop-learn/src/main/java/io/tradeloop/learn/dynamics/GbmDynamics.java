package io.tradeloop.learn.dynamics;

import io.tradeloop.learn.gbm.GbmRegressor;

/**
 * Gradient-boosted dynamics: one regressor for μ and one for the absolute residual |y − μ|, turned
 * into σ by the Gaussian identity E|e| = σ √(2/π), floored at {@code minSigma}: a heteroscedastic
 * forecast (wider in turbulent markets).
 *
 * @param name     member name
 * @param mean     regressor of the forward return
 * @param absError regressor of the absolute residual of {@code mean}
 * @param minSigma lower bound on σ
 */
public record GbmDynamics(String name, GbmRegressor mean, GbmRegressor absError, double minSigma) implements DynamicsModel {
    private static final double SQRT_PI_OVER_2 = Math.sqrt(Math.PI / 2);

    @Override
    public void predict(float[] x, int offset, double[] out) {
        out[0] = mean.predict(x, offset);
        out[1] = Math.max(minSigma, absError.predict(x, offset) * SQRT_PI_OVER_2);
    }
}
