package io.tradeloop.server.predict;

import io.tradeloop.server.agent.ModelInfo;

/**
 * A trained funding-arbitrage policy as the API serves it: encodes a normalized request into the
 * 275-float observation and its 36-action mask, and evaluates the actor and critic. Provided by the
 * funding environment (observation encoding) and the PPO policy once they are built into the server.
 * Implementations must be thread-safe (requests run concurrently).
 */
public interface FundingPolicy {
    ModelInfo model();

    /** Probabilities of the 36 actions (0 where the mask forbids) and the state value. */
    PolicyOutput evaluate(NormalizedRequest request);

    /**
     * A policy's answer for one state.
     *
     * @param probabilities 36 probabilities summing to 1 over the allowed actions
     * @param mask          36 flags: true where the action is allowed
     * @param stateValue    the critic's estimate
     */
    record PolicyOutput(double[] probabilities, boolean[] mask, double stateValue) {
        public PolicyOutput {
            if (probabilities.length != io.tradeloop.server.agent.FundingAction.COUNT || mask.length != probabilities.length) {
                throw new IllegalArgumentException("a policy must answer 36 probabilities and 36 mask flags, got "
                        + probabilities.length + " and " + mask.length);
            }
        }
    }
}
