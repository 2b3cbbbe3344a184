package io.tradeloop.server.agent;

import java.util.List;

/**
 * A decision maker's answer for one tick, with everything needed to explain it.
 *
 * @param action        the chosen action
 * @param confidence    in [0, 1]
 * @param votes         every voter's opinion
 * @param gates         every gate the action passed or failed
 * @param reasoning     one or two sentences a person can read
 * @param probabilities probability of each of the 36 actions (a policy's output), or null for rule-based brains
 * @param stateValue    the critic's value estimate, or NaN when the brain has none
 */
public record BrainDecision(FundingAction action, double confidence, List<Vote> votes, List<Gate> gates, String reasoning,
                            double[] probabilities, double stateValue) {
    public BrainDecision {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        votes = List.copyOf(votes);
        gates = List.copyOf(gates);
    }
}
