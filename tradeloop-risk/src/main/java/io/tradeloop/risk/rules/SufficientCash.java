package io.tradeloop.risk.rules;

import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * An entry needs free cash for its margin plus its fees: margin + notional × fee rate ≤ cash. The fee
 * rate is the taker rate of each leg's instrument.
 */
public record SufficientCash() implements PreTradeRule {
    @Override
    public String name() {
        return "sufficient-cash";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) {
            return RiskVerdict.approved(name());
        }
        double need = need(proposal);
        double cash = context.portfolio().cashUsd();
        if (need > cash) {
            return RiskVerdict.refused(name(), String.format("needs %.2f USD (margin + fees), free cash is %.2f", need, cash));
        }
        return RiskVerdict.approved(name());
    }

    /** need × f ≤ cash ⇔ f ≤ cash / need. */
    @Override
    public double maxApprovedScale(TradeProposal proposal, Portfolio portfolio, long timeMs) {
        if (proposal.isReducingOnly()) {
            return Double.POSITIVE_INFINITY;
        }
        double need = need(proposal);
        double cash = portfolio.cashUsd();
        if (need <= 0) {
            return cash >= 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return Math.max(0, cash / need);
    }

    private static double need(TradeProposal proposal) {
        double need = 0;
        var legs = proposal.legs();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            need += leg.notionalUsd() * leg.instrument().takerFeeRate();
            if (!leg.reducing()) {
                need += leg.marginUsd();
            }
        }
        return need;
    }
}
