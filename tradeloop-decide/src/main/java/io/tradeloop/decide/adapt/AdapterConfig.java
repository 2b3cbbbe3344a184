package io.tradeloop.decide.adapt;

import io.tradeloop.core.config.Checks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Q-learning hyperparameters and the reward's shape. The defaults are a-priori values;
 * {@code tradeloop train directional} chooses α, ε and the drawdown scale on the validation period (2023-H1) and writes
 * the choice to the run folder's {@code adapter-config.json} (the grid and its scores to
 * {@code adapter-selection.json}).
 *
 * @param learningRate    α, in (0, 1] (default 0.05)
 * @param discount        γ, in [0, 1) (default 0.0: every action is scored on its own candidate's outcome)
 * @param epsilonStart    initial exploration rate, in [0, 1] (default 0.1, the plan's exploration_rate)
 * @param epsilonDecay    ε multiplies by this after every action, in (0, 1] (default 0.99)
 * @param epsilonMin      exploration floor, in [0, 1] (default 0.02)
 * @param pnlScale        P&amp;L % per unit of reward, in (0, 100] (default 1: +1% → +1)
 * @param maxBars         trades held longer than this many bars are penalised, in [1, 100 000] (default 30)
 * @param durationPenalty the penalty for an overlong trade, in [0, 10] (default 0.1)
 * @param drawdownScale   adverse-excursion % per unit of penalty, in (0, 1000] (default 1)
 * @param sharpeWeight    weight of the trade's z-score against earlier candidates' P&amp;L, in [0, 10] (default 0.1)
 * @param deviationPenalty reward taken from an action per bound step its parameters stand away from the base parameters,
 *                        in [0, 1] (default 0.02): a prior that pulls the parameters back to the stack's own unless outcomes pay
 *                        for the deviation, so a nudge that changes nothing (a threshold already above every candidate)
 *                        drifts back instead of staying put
 * @param roundTripCost   fees and slippage of a round trip as a fraction of notional, charged to every scored trade, in [0, 0.05]
 *                        (default 0.0025: 0.1% taker fee per side plus slippage)
 * @param bounds          the parameters' bounds, steps and defaults (the defaults are the stack's own parameters)
 */
public record AdapterConfig(double learningRate, double discount, double epsilonStart, double epsilonDecay, double epsilonMin, double pnlScale,
                            int maxBars, double durationPenalty, double drawdownScale, double sharpeWeight, double deviationPenalty,
                            double roundTripCost, ParameterBounds bounds) {
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
        Checks.inRange("deviation_penalty", deviationPenalty, 0, 1);
        Checks.inRange("round_trip_cost", roundTripCost, 0, 0.05);
        Checks.notNull("bounds", bounds);
    }

    public static AdapterConfig defaults() {
        return new AdapterConfig(0.05, 0.0, 0.1, 0.99, 0.02, 1, 30, 0.1, 1, 0.1, 0.02, 0.0025, ParameterBounds.standard());
    }

    public AdapterConfig withLearning(double alpha, double gamma, double epsilon) {
        return new AdapterConfig(alpha, gamma, epsilon, epsilonDecay, Math.min(epsilonMin, epsilon), pnlScale, maxBars, durationPenalty,
                drawdownScale, sharpeWeight, deviationPenalty, roundTripCost, bounds);
    }

    public AdapterConfig withDrawdownScale(double scale) {
        return new AdapterConfig(learningRate, discount, epsilonStart, epsilonDecay, epsilonMin, pnlScale, maxBars, durationPenalty,
                scale, sharpeWeight, deviationPenalty, roundTripCost, bounds);
    }

    public AdapterConfig withSharpeWeight(double w) {
        return new AdapterConfig(learningRate, discount, epsilonStart, epsilonDecay, epsilonMin, pnlScale, maxBars, durationPenalty,
                drawdownScale, w, deviationPenalty, roundTripCost, bounds);
    }

    public AdapterConfig withDeviationPenalty(double lambda) {
        return new AdapterConfig(learningRate, discount, epsilonStart, epsilonDecay, epsilonMin, pnlScale, maxBars, durationPenalty,
                drawdownScale, sharpeWeight, lambda, roundTripCost, bounds);
    }

    public AdapterConfig withRoundTripCost(double cost) {
        return new AdapterConfig(learningRate, discount, epsilonStart, epsilonDecay, epsilonMin, pnlScale, maxBars, durationPenalty,
                drawdownScale, sharpeWeight, deviationPenalty, cost, bounds);
    }

    public Map<String, Object> asMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("learning_rate", learningRate);
        m.put("discount", discount);
        m.put("epsilon_start", epsilonStart);
        m.put("epsilon_decay", epsilonDecay);
        m.put("epsilon_min", epsilonMin);
        m.put("pnl_scale", pnlScale);
        m.put("max_bars", maxBars);
        m.put("duration_penalty", durationPenalty);
        m.put("drawdown_scale", drawdownScale);
        m.put("sharpe_weight", sharpeWeight);
        m.put("deviation_penalty", deviationPenalty);
        m.put("round_trip_cost", roundTripCost);
        return m;
    }
}
