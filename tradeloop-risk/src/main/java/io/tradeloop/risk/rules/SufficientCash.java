package io.tradeloop.risk.rules;

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
        double need = 0;
        for (var leg : proposal.legs()) {
            need += leg.notionalUsd() * leg.instrument().takerFeeRate();
            if (!leg.reducing()) {
                need += leg.marginUsd();
            }
        }
        double cash = context.portfolio().cashUsd();
        if (need > cash) {
            return RiskVerdict.refused(name(), String.format("needs %.2f USD (margin + fees), free cash is %.2f", need, cash));
        }
        return RiskVerdict.approved(name());
    }
}
