package io.tradeloop.decide.adapt;

import io.tradeloop.core.config.Checks;

/**
 * Q-learning hyperparameters and the reward's shape.
 *
 * @param learningRate   α, in (0, 1] (default 0.1)
 * @param discount       γ, in [0, 1) (default 0.95)
 * @param epsilonStart   initial exploration rate, in [0, 1] (default 0.1, the plan's exploration_rate)
 * @param epsilonDecay   ε multiplies by this after every action, in (0, 1] (default 0.99)
 * @param epsilonMin     exploration floor, in [0, 1] (default 0.02)
 * @param pnlScale       P&amp;L % per unit of reward, in (0, 100] (default 1: +1% → +1)
 * @param maxBars        trades held longer than this many bars are penalised, in [1, 100 000] (default 30)
 * @param durationPenalty the penalty for an overlong trade, in [0, 10] (default 0.1)
 * @param drawdownScale  adverse-excursion % per unit of penalty, in (0, 1000] (default 1)
 * @param sharpeWeight   weight of the trade's z-score against past trades, in [0, 10] (default 0.1)
 * @param bounds         the parameters' bounds, steps and defaults
 */
public record AdapterConfig(double learningRate, double discount, double epsilonStart, double epsilonDecay, double epsilonMin, double pnlScale,
                            int maxBars, double durationPenalty, double drawdownScale, double sharpeWeight, ParameterBounds bounds) {
    public AdapterConfig {
        Checks.inRange("learning_rate", learningRate, 1e-6, 1);
        Checks.inRange("discount", discount, 0, 0.999999);
        Checks.inRange("epsilon_start", epsilonStart, 0, 1);
        Checks.inRange("epsilon_decay", epsilonDecay, 1e-6, 1);
        Checks.inRange("epsilon_min", epsilonMin, 0, 1);
        Checks.inRange("pnl_scale", pnlScale, 1e-6, 100);
        Checks.inRange("max_bars", maxBars, 1, 100_000);
        Checks.inRange("duration_penalty", durationPenalty, 0, 10);
        Checks.inRange("drawdown_scale", drawdownScale, 1e-6, 1000);
        Checks.inRange("sharpe_weight", sharpeWeight, 0, 10);
        Checks.notNull("bounds", bounds);
    }

    public static AdapterConfig defaults() {
        return new AdapterConfig(0.1, 0.95, 0.1, 0.99, 0.02, 1, 30, 0.1, 1, 0.1, ParameterBounds.standard());
    }
}
