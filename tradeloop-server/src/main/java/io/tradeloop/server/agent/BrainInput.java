package io.tradeloop.server.agent;

import io.tradeloop.server.market.CarryOpportunity;

import java.util.List;

/**
 * Everything a decision maker may use at one tick; all of it known at {@code timeMs}.
 *
 * @param timeMs        the tick time, epoch ms UTC (simulated in paper mode)
 * @param opportunities ranked opportunities, at most {@link FundingAction#OPPORTUNITY_SLOTS}; ENTER i refers to element i
 * @param account       the account and its open positions
 * @param config        the agent's settings
 */
public record BrainInput(long timeMs, List<CarryOpportunity> opportunities, AccountView account, AgentConfig config) {
    public BrainInput {
        opportunities = List.copyOf(opportunities);
    }
}
