package io.tradeloop.server.agent;

/**
 * A decision maker an agent may name in its config: the funding-arbitrage brains ({@link AgentBrain}) and
 * the directional decision stack share this identity, and the agent manager picks the market and the
 * paper trader that fit the brain's kind.
 */
public interface Brain {
    /** The id agents name in their config, e.g. {@code greedy-carry}. */
    String id();

    /** What model or rule this is, its version and training time. */
    ModelInfo model();
}
