package io.tradeloop.risk;

import io.tradeloop.core.portfolio.Portfolio;

/** One pre-trade check. Rules are small, named, and tested each with a worked example. */
public interface PreTradeRule {
    /** A stable name that appears in every decision record. */
    String name();

    RiskVerdict check(TradeProposal proposal, RiskContext context);

    /**
     * The largest factor {@code f >= 0} such that this rule approves {@code proposal.scaled(f)} unchanged:
     * {@code +∞} when it approves any size, 0 when it refuses every size. Action masks of the RL
     * environments ask this every step for a one-dollar proposal, so the built-in rules answer it from the
     * same arithmetic as {@link #check} without allocating. This default bisects {@link #check} (right for
     * any rule whose approval shrinks with size, but slow and allocating): a rule on a hot path overrides it.
     */
    default double maxApprovedScale(TradeProposal proposal, Portfolio portfolio, long timeMs) {
        RiskContext context = new RiskContext(portfolio, timeMs);
        if (approvesUnchanged(proposal.scaled(1e12), context)) {
            return Double.POSITIVE_INFINITY;
        }
        if (!approvesUnchanged(proposal.scaled(1e-12), context)) {
            return 0;
        }
        double lo = 1e-12;
        double hi = 1e12;
        for (int i = 0; i < 200 && hi > lo * (1 + 1e-12); i++) {
            double mid = Math.sqrt(lo * hi); // geometric bisection: the bracket spans 24 decades
            if (approvesUnchanged(proposal.scaled(mid), context)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean approvesUnchanged(TradeProposal proposal, RiskContext context) {
        return check(proposal, context) instanceof RiskVerdict.Approved;
    }
}
