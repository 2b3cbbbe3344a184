package io.tradeloop.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * The one risk layer every mode calls (backtest, RL environments, paper, live): runs the pre-trade
 * rules in order. A refusal stops the chain; an adjustment scales the proposal and the remaining rules
 * see the scaled proposal. Proposals that only reduce positions are checked too, but rules are
 * expected to approve them (an exit must never be blocked by an entry limit).
 */
public final class RiskEngine {
    private final List<PreTradeRule> rules;

    public RiskEngine(List<? extends PreTradeRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<PreTradeRule> rules() {
        return rules;
    }

    public RiskDecision check(TradeProposal proposal, RiskContext context) {
        List<RiskVerdict> trail = new ArrayList<>(rules.size());
        TradeProposal current = proposal;
        double totalScale = 1;
        for (PreTradeRule rule : rules) {
            RiskVerdict v = rule.check(current, context);
            trail.add(v);
            switch (v) {
                case RiskVerdict.Refused r -> {
                    return new RiskDecision(r, null, List.copyOf(trail));
                }
                case RiskVerdict.Adjusted a -> {
                    current = current.scaled(a.scale());
                    totalScale *= a.scale();
                }
                case RiskVerdict.Approved ignored -> {
                }
            }
        }
        RiskVerdict finalVerdict = totalScale < 1
                ? new RiskVerdict.Adjusted("risk-engine", totalScale, "scaled by " + trail.stream()
                .filter(t -> t instanceof RiskVerdict.Adjusted).map(RiskVerdict::rule).toList())
                : RiskVerdict.approved("risk-engine");
        return new RiskDecision(finalVerdict, current, List.copyOf(trail));
    }
}
