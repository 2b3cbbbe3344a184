package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.Exposure;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * Caps the account's total notional: (Σ |held| + Σ new legs' notional) ≤ {@code maxGrossLeverage} ×
 * equity. An entry that breaches it is scaled to the room left when at least {@code minScale} fits,
 * refused otherwise.
 */
public record GrossExposureLimit(double maxGrossLeverage, double minScale) implements PreTradeRule {
    public GrossExposureLimit {
        Checks.inRange("max_gross_leverage", maxGrossLeverage, 0.01, 100);
        Checks.inRange("min_scale", minScale, 0.0, 1.0);
    }

    @Override
    public String name() {
        return "gross-exposure-limit";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return RiskVerdict.approved(name());
        double need = 0;
        for (var leg : proposal.legs()) if (!leg.reducing()) need += leg.notionalUsd();
        double equity = context.portfolio().equityUsd();
        double held = Exposure.grossNotionalUsd(context.portfolio());
        double room = maxGrossLeverage * equity - held;
        if (need <= room * (1 + 1e-12)) return RiskVerdict.approved(name());
        String why = String.format("gross notional would be %.2f USD = %.2fx equity %.2f, the limit is %.2fx", held + need,
                (held + need) / equity, equity, maxGrossLeverage);
        double scale = room / need;
        if (scale >= minScale && scale > 0) return new RiskVerdict.Adjusted(name(), scale, why);
        return RiskVerdict.refused(name(), why);
    }
}
