package io.tradeloop.server.paper;

import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.agent.PositionRecord;

import java.util.List;

/**
 * What one tick of a paper agent produced, committed to the database in one transaction: the decision,
 * the journal entries, the open legs afterwards and the new totals.
 */
public record TickRecord(DecisionRecord decision, List<LedgerEvent> ledger, List<PositionRecord> positions, AgentStats stats) {
    public TickRecord {
        ledger = List.copyOf(ledger);
        positions = List.copyOf(positions);
    }
}
