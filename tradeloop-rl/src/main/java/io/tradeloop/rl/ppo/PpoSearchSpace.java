package io.tradeloop.rl.ppo;

import io.tradeloop.core.config.Checks;

/**
 * The ranges a hyperparameter search (PBT, random search) explores for PPO, as {min, max} pairs.
 *
 * @param learningRate Adam learning rate
 * @param gamma        discount
 * @param gaeLambda    GAE lambda
 * @param clipRange    ratio clip
 * @param entropyCoef  entropy coefficient
 * @param vfCoef       value-loss coefficient
 */
public record PpoSearchSpace(double[] learningRate, double[] gamma, double[] gaeLambda, double[] clipRange,
                             double[] entropyCoef, double[] vfCoef) {
    /** DESIGN.md's search ranges (from the plan's PBT table). */
    public static final PpoSearchSpace DESIGN = new PpoSearchSpace(new double[] {1e-5, 3e-4}, new double[] {0.95, 0.995},
            new double[] {0.90, 0.98}, new double[] {0.15, 0.3}, new double[] {0.001, 0.02}, new double[] {0.5, 1.0});

    /** Throws, naming the parameter, when {@code c} lies outside these ranges. */
    public PpoConfig requireWithin(PpoConfig c) {
        Checks.inRange("ppo.learningRate (search space)", c.learningRate(), learningRate[0], learningRate[1]);
        Checks.inRange("ppo.gamma (search space)", c.gamma(), gamma[0], gamma[1]);
        Checks.inRange("ppo.gaeLambda (search space)", c.gaeLambda(), gaeLambda[0], gaeLambda[1]);
        Checks.inRange("ppo.clipRange (search space)", c.clipRange(), clipRange[0], clipRange[1]);
        Checks.inRange("ppo.entropyCoef (search space)", c.entropyCoef(), entropyCoef[0], entropyCoef[1]);
        Checks.inRange("ppo.vfCoef (search space)", c.vfCoef(), vfCoef[0], vfCoef[1]);
        return c;
    }
}
