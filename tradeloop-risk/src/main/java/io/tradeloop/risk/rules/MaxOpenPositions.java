package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * Refuses an entry when the account already holds the maximum number of positions. A position is
 * counted in books: an arbitrage pair is {@code legsPerPosition} = 2 books.
 */
public record MaxOpenPositions(int maxPositions, int legsPerPosition) implements PreTradeRule {
    public MaxOpenPositions {
        Checks.inRange("max_positions", maxPositions, 1, 1000);
        Checks.inRange("legs_per_position", legsPerPosition, 1, 10);
    }

    @Override
    public String name() {
        return "max-open-positions";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) {
            return RiskVerdict.approved(name());
        }
        int open = openPositions(context.portfolio());
        if (open >= maxPositions) {
            return RiskVerdict.refused(name(), open + " positions open, the limit is " + maxPositions);
        }
        return RiskVerdict.approved(name());
    }

    /** Size does not matter to this rule: any size when a position is free, none when the limit is reached. */
    @Override
    public double maxApprovedScale(TradeProposal proposal, Portfolio portfolio, long timeMs) {
        return proposal.isReducingOnly() || openPositions(portfolio) < maxPositions ? Double.POSITIVE_INFINITY : 0;
    }

    private int openPositions(Portfolio portfolio) {
        return (portfolio.openBooks() + legsPerPosition - 1) / legsPerPosition;
    }
}
