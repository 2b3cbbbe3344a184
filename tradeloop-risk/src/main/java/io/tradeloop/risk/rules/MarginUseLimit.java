package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * Margin in use after the trade must stay at or below {@code maxMarginUse} of equity (0.95 in the
 * funding-arbitrage contract): used margin + new margin ≤ limit × equity. Entries that would
 * breach it are scaled down to fit when at least {@code minScale} of the size fits, else refused.
 */
public record MarginUseLimit(double maxMarginUse, double minScale) implements PreTradeRule {
    public MarginUseLimit {
        Checks.inRange("max_margin_use", maxMarginUse, 0.01, 1.0);
        Checks.inRange("min_scale", minScale, 0.0, 1.0);
    }

    public static MarginUseLimit refuseAbove(double maxMarginUse) {
        return new MarginUseLimit(maxMarginUse, 1.0);
    }

    @Override
    public String name() {
        return "margin-use-limit";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) {
            return RiskVerdict.approved(name());
        }
        var p = context.portfolio();
        double equity = p.equityUsd();
        double room = room(p);
        double need = proposal.marginUsd();
        if (need <= room) {
            return RiskVerdict.approved(name());
        }
        double scale = room / need;
        String usage = String.format("margin use would be %.1f%% of equity %.2f, the limit is %.1f%%",
                100 * (p.usedMarginUsd() + need) / equity, equity, 100 * maxMarginUse);
        if (scale >= minScale && scale > 0 && scale < 1) {
            return new RiskVerdict.Adjusted(name(), scale, usage);
        }
        return RiskVerdict.refused(name(), usage);
    }

    /** need × f ≤ room ⇔ f ≤ room / need. */
    @Override
    public double maxApprovedScale(TradeProposal proposal, Portfolio portfolio, long timeMs) {
        if (proposal.isReducingOnly()) {
            return Double.POSITIVE_INFINITY;
        }
        double need = proposal.marginUsd();
        double room = room(portfolio);
        if (need <= 0) {
            return room >= 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return Math.max(0, room / need);
    }

    /** Margin that may still be locked: limit × equity − used margin. */
    private double room(Portfolio p) {
        return maxMarginUse * p.equityUsd() - p.usedMarginUsd();
    }
}
