package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.Exposure;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * Caps the notional held in any one instrument: with H the signed notional held and A the leg's signed
 * notional, |H + s·A| ≤ {@code maxNotionalUsd}. The largest scale that fits is s = (M − |H|) / |A|
 * when the leg adds to the position and s = (M + |H|) / |A| when it flips it; the trade is scaled by
 * the smallest s over its legs when that is at least {@code minScale}, refused otherwise.
 */
public record PositionLimit(double maxNotionalUsd, double minScale) implements PreTradeRule {
    public PositionLimit {
        Checks.positive("max_position_notional_usd", maxNotionalUsd);
        Checks.inRange("min_scale", minScale, 0.0, 1.0);
    }

    @Override
    public String name() {
        return "position-limit";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        double scale = 1;
        String worst = null;
        for (Leg leg : proposal.legs()) {
            if (leg.reducing()) continue;
            double held = Exposure.signedNotionalUsd(context.portfolio(), leg.instrument().id());
            double add = Exposure.signedNotionalUsd(leg);
            double after = Math.abs(held + add);
            if (after <= maxNotionalUsd * (1 + 1e-12)) continue;
            boolean adds = held == 0 || Math.signum(held) == Math.signum(add);
            double s = (maxNotionalUsd + (adds ? -Math.abs(held) : Math.abs(held))) / Math.abs(add);
            if (s < scale) {
                scale = s;
                worst = String.format("%s would hold %.2f USD (holds %.2f), the limit is %.2f", leg.instrument().id(), after, held,
                        maxNotionalUsd);
            }
        }
        if (worst == null) return RiskVerdict.approved(name());
        if (scale >= minScale && scale > 0) return new RiskVerdict.Adjusted(name(), scale, worst);
        return RiskVerdict.refused(name(), worst);
    }
}
