package io.tradeloop.server.runtime;

import io.tradeloop.server.agent.AgentStatus;
import io.tradeloop.server.agent.DecisionRecord;

/** Where agents report what happens to them; the SSE hub implements it and routes by user. */
public interface AgentEvents {
    /** The agent changed state (or its config). */
    void status(long userId, AgentStatus status);

    /** A tick was committed: its decision and the new totals. */
    void decision(long userId, AgentStatus status, DecisionRecord decision);

    /** The agent's loop failed; it is now in ERROR. */
    void error(long userId, long agentId, String message);

    /** Events that go nowhere (tests, tools). */
    AgentEvents NONE = new AgentEvents() {
        @Override
        public void status(long userId, AgentStatus status) {
        }

        @Override
        public void decision(long userId, AgentStatus status, DecisionRecord decision) {
        }

        @Override
        public void error(long userId, long agentId, String message) {
        }
    };
}
