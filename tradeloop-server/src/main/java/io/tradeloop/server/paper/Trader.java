package io.tradeloop.server.paper;

import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.PositionRecord;

/**
 * One agent's paper account stepped tick by tick: the agent loop calls {@link #step} and commits the
 * {@link TickRecord} it returns in one transaction. The funding-arbitrage {@link PaperTrader} and the
 * directional {@link DirectionalPaperTrader} implement it, so the loop, persistence, events and restart
 * are shared. Not thread-safe: one agent loop owns it.
 */
public interface Trader {
    /** Processes the next tick of the replay. */
    TickRecord step(long wallMs, long runningMs);

    /** The run's totals after the last step. */
    AgentStats stats();

    /** The settings in force. */
    AgentConfig config();

    /** Applies new settings from the next tick on (the run's initial capital never changes mid-run). */
    void reconfigure(AgentConfig newConfig);

    /** The open positions now. */
    java.util.List<PositionRecord> positions();
}
