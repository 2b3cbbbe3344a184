package io.tradeloop.server.agent;

import java.util.List;

/**
 * What {@code GET /agent/status} answers and the {@code status}/{@code stats} events carry.
 *
 * @param agentId            the agent
 * @param name               its name
 * @param state              RUNNING, PAUSED, STOPPED or ERROR
 * @param reason             why it is in this state (the error for ERROR, "replay finished" …), or null
 * @param brain              brain id
 * @param modelVersion       the brain's model version
 * @param modelTrainedAt     ISO time the model was trained, or null for untrained rules
 * @param modelAgeSeconds    seconds since training, or null
 * @param runNo              current run (0 before the first start)
 * @param uptimeSeconds      wall-clock seconds spent RUNNING in this run
 * @param simTime            ISO time of the latest tick, or null before the first
 * @param progress           ticks done / ticks in the replay, 0–1
 * @param predictions        decisions made in this run
 * @param equityUsd          equity now
 * @param availableUsd       free cash now (equity − margin − unrealised P&amp;L), the base of entry sizes
 * @param initialCapitalUsd  the run's starting cash
 * @param pnlTotalUsd        equity − initial capital
 * @param pnlTodayUsd        equity − equity at the start of the current (simulated) UTC day
 * @param winRate            wins / trades, null before the first closed trade
 * @param trades             positions closed
 * @param wins               closed with a profit
 * @param maxDrawdownPct     deepest drawdown, fraction
 * @param openPositions      arbitrage positions open now
 * @param positions          their legs
 * @param config             the agent's settings
 * @param finished           true when the replay has no more ticks (start with reset for a new run)
 */
public record AgentStatus(long agentId, String name, AgentState state, String reason, String brain, String modelVersion,
                          String modelTrainedAt, Long modelAgeSeconds, int runNo, double uptimeSeconds, String simTime,
                          double progress, long predictions, double equityUsd, double availableUsd, double initialCapitalUsd, double pnlTotalUsd,
                          double pnlTodayUsd, Double winRate, long trades, long wins, double maxDrawdownPct, int openPositions,
                          List<PositionRecord> positions, AgentConfig config, boolean finished) {
}
