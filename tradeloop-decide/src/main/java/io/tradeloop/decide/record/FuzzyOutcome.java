package io.tradeloop.decide.record;

import java.util.List;

/**
 * The fuzzy arbitration of a bar.
 *
 * @param signal        input: scaled vote signal
 * @param agreement     input: winning side's weight share
 * @param regime        input: trend score
 * @param volatility    input: volatility rank
 * @param action        crisp output in [−1, 1] (NaN when no rule fired)
 * @param ruleStrengths firing strength of each rule, in rule-base order
 */
public record FuzzyOutcome(double signal, double agreement, double regime, double volatility, double action, List<Double> ruleStrengths) {
    public FuzzyOutcome {
        ruleStrengths = List.copyOf(ruleStrengths);
    }
}
