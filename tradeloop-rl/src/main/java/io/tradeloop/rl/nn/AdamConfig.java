package io.tradeloop.rl.nn;

import io.tradeloop.core.config.Checks;

/**
 * Adam's constants (Kingma and Ba 2015); the learning rate is passed per step so a schedule can move it.
 *
 * @param beta1   decay of the first moment, default 0.9
 * @param beta2   decay of the second moment, default 0.999
 * @param epsilon added to the root of the second moment, default 1e-5 (CleanRL's PPO value)
 */
public record AdamConfig(double beta1, double beta2, double epsilon) {
    public static final AdamConfig DEFAULT = new AdamConfig(0.9, 0.999, 1e-5);

    public AdamConfig {
        Checks.inRange("adam.beta1", beta1, 0.0, 0.999999);
        Checks.inRange("adam.beta2", beta2, 0.0, 0.999999);
        Checks.inRange("adam.epsilon", epsilon, 1e-12, 1.0);
    }
}
