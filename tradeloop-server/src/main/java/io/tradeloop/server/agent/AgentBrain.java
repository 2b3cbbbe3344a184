package io.tradeloop.server.agent;

/**
 * The decision maker of an agent: turns what is known at a tick into one funding-arbitrage action with
 * its votes, gates and reasoning. Rules, the PPO funding policy and the decision stack plug in here.
 * Implementations must be deterministic functions of their input (a restarted agent replays them) and
 * may be called from several agents' threads at once.
 */
public interface AgentBrain {
    /** The id agents name in their config, e.g. {@code greedy-carry}. */
    String id();

    /** What model or rule this is, its version and training time. */
    ModelInfo model();

    BrainDecision decide(BrainInput input);
}
