package io.tradeloop.server.agent;

import io.tradeloop.server.market.CarryOpportunity;

import java.util.List;

/**
 * Everything an agent decided at one tick and why (DESIGN.md principle 6): the inputs it ranked, every
 * vote and gate, each risk check that adjusted or refused it, the orders sent and the positions closed.
 * Persisted per tick and served by {@code GET /agent/decisions}.
 *
 * @param seq           the tick index (unique per run; the restart test checks it has no gap or duplicate)
 * @param simTimeMs     tick time (simulated in paper mode)
 * @param wallMs        when it was decided (wall clock)
 * @param action        action name (one of the 36)
 * @param actionIndex   action id
 * @param confidence    in [0, 1]
 * @param brain         brain id
 * @param modelVersion  the brain's model version
 * @param target        what the action refers to (opportunity or position label), empty for HOLD
 * @param votes         every vote
 * @param gates         every gate
 * @param risk          every risk verdict, forced exits first
 * @param orders        orders sent or refused
 * @param closed        positions closed in this tick
 * @param reasoning     the brain's reasoning, plus what risk changed
 * @param equityUsd     equity after the tick
 * @param priceUsd      the reference price (first instrument of the replay) at the tick
 * @param opportunities the top opportunities the brain saw (at most 3)
 */
public record DecisionRecord(int seq, long simTimeMs, long wallMs, String action, int actionIndex, double confidence,
                             String brain, String modelVersion, String target, List<Vote> votes, List<Gate> gates,
                             List<RiskCheck> risk, List<OrderRecord> orders, List<ClosedTrade> closed, String reasoning,
                             double equityUsd, double priceUsd, List<CarryOpportunity> opportunities) {
}
