package io.tradeloop.server.agent;

/**
 * The decision maker of a funding-arbitrage agent: turns what is known at a tick into one of the 36
 * actions with its votes, gates and reasoning. Rules and the PPO funding policy plug in here (the
 * directional decision stack is a {@link Brain} of another kind, with its own paper trader).
 * Implementations must be deterministic functions of their input (a restarted agent replays them) and
 * may be called from several agents' threads at once.
 */
public interface AgentBrain extends Brain {
    BrainDecision decide(BrainInput input);
}
