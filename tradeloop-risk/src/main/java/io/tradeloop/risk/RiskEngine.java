package io.tradeloop.risk;

import io.tradeloop.core.portfolio.Portfolio;

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
    private final PreTradeRule[] ruleArray;

    public RiskEngine(List<? extends PreTradeRule> rules) {
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new PreTradeRule[0]);
    }

    public List<PreTradeRule> rules() {
        return rules;
    }

    /**
     * The largest factor {@code f} such that every rule approves {@code proposal.scaled(f)} unchanged (the
     * minimum of the rules' {@link PreTradeRule#maxApprovedScale}): an entry of {@code f} times the proposal
     * passes {@link #check} with an {@code Approved} verdict exactly when {@code f <= maxApprovedScale}. It
     * allocates nothing when the rules do not, so an environment can build its action mask every step.
     */
    public double maxApprovedScale(TradeProposal proposal, Portfolio portfolio, long timeMs) {
        double scale = Double.POSITIVE_INFINITY;
        for (PreTradeRule rule : ruleArray) {
            double s = rule.maxApprovedScale(proposal, portfolio, timeMs);
            if (s < scale) {
                scale = s;
                if (scale <= 0) {
                    return 0;
                }
            }
        }
        return scale;
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
