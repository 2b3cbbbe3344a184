package io.tradeloop.risk;

import java.util.List;

/**
 * The risk layer's answer to a proposal: the final verdict, the proposal as it may be executed
 * (possibly scaled down; null when refused), and every rule's own verdict, in order, for the record.
 */
public record RiskDecision(RiskVerdict finalVerdict, TradeProposal approved, List<RiskVerdict> trail) {
    public boolean isRefused() {
        return finalVerdict instanceof RiskVerdict.Refused;
    }
}
