package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.portfolio.Margin;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * Refuses an entry whose legs would start closer to liquidation than {@code minDistance} (the
 * contract's liquidation_buffer, 0.1–0.3). At entry the distance is 0.9 / leverage, so this bounds the
 * leverage an entry may use: with buffer 0.15, leverage above 6 is refused.
 */
public record LiquidationBuffer(double minDistance) implements PreTradeRule {
    public LiquidationBuffer {
        Checks.inRange("liquidation_buffer", minDistance, 0.0, 0.9);
    }

    @Override
    public String name() {
        return "liquidation-buffer";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        int breach = firstBreachingLeg(proposal);
        if (breach >= 0) {
            Leg leg = proposal.legs().get(breach);
            return RiskVerdict.refused(name(), String.format("%s %s at leverage %.2f starts %.1f%% from liquidation, the buffer is %.1f%%",
                    leg.side(), leg.instrument().id(), leg.leverage(), 100 * entryDistance(leg), 100 * minDistance));
        }
        return RiskVerdict.approved(name());
    }

    /** The distance at entry does not depend on size: any size passes or none does. */
    @Override
    public double maxApprovedScale(TradeProposal proposal, Portfolio portfolio, long timeMs) {
        return firstBreachingLeg(proposal) >= 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    private int firstBreachingLeg(TradeProposal proposal) {
        var legs = proposal.legs();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            if (leg.reducing() || !leg.instrument().kind().isPerpetual()) {
                continue;
            }
            if (entryDistance(leg) < minDistance - 1e-12) { // tolerance: 0.9/6 must pass a 0.15 buffer
                return i;
            }
        }
        return -1;
    }

    private static double entryDistance(Leg leg) {
        boolean isLong = leg.side().sign() > 0;
        double liq = Margin.liquidationPrice(leg.price(), leg.leverage(), isLong);
        return Margin.liquidationDistance(leg.price(), liq, isLong);
    }
}
