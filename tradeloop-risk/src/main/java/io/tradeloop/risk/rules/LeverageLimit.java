package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/** Refuses an entry leg that asks for more leverage than {@code maxLeverage} (the contract's max_leverage, 1–10). */
public record LeverageLimit(double maxLeverage) implements PreTradeRule {
    public LeverageLimit {
        Checks.inRange("max_leverage", maxLeverage, 1, 125);
    }

    @Override
    public String name() {
        return "leverage-limit";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        for (var leg : proposal.legs()) {
            if (!leg.reducing() && leg.leverage() > maxLeverage * (1 + 1e-12)) {
                return RiskVerdict.refused(name(), String.format("%s asks for leverage %.2f, the limit is %.2f", leg.instrument().id(),
                        leg.leverage(), maxLeverage));
            }
        }
        return RiskVerdict.approved(name());
    }
}
