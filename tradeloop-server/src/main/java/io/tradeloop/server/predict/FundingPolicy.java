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
     * @param probabilities     36 probabilities summing to 1 over the allowed actions
     * @param mask              36 flags: true where the action is allowed
     * @param stateValue        the critic's estimate
     * @param opportunityOrder  for each of the 10 opportunity slots the ENTER actions refer to, the index of that
     *                          opportunity in the request (−1 for an empty slot): the policy ranks opportunities itself
     */
    record PolicyOutput(double[] probabilities, boolean[] mask, double stateValue, int[] opportunityOrder) {
        public PolicyOutput {
            if (probabilities.length != io.tradeloop.server.agent.FundingAction.COUNT || mask.length != probabilities.length) {
                throw new IllegalArgumentException("a policy must answer 36 probabilities and 36 mask flags, got "
                        + probabilities.length + " and " + mask.length);
            }
            if (opportunityOrder.length != io.tradeloop.server.agent.FundingAction.OPPORTUNITY_SLOTS) {
                throw new IllegalArgumentException("a policy must map 10 opportunity slots, got " + opportunityOrder.length);
            }
        }

        /** The identity order: slot i is request opportunity i (when it exists). */
        public static int[] identity(int opportunities) {
            int[] o = new int[io.tradeloop.server.agent.FundingAction.OPPORTUNITY_SLOTS];
            for (int i = 0; i < o.length; i++) o[i] = i < opportunities ? i : -1;
            return o;
        }
    }
}
