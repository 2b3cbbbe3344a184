package io.tradeloop.rl.env.funding;

/**
 * Running counts of what an environment's positions did since it was created (never reset by episodes),
 * kept in primitive fields so the step path allocates nothing; evaluation reads differences.
 */
public final class TradeStats {
    long entries;
    long closed;
    long wins;
    long agentExits;
    long stopLosses;
    long liquidations;
    long episodeEnds;
    double holdHours;
    double netPnlUsd;
    double feesUsd;
    double fundingUsd;
    long steps;
    double utilizationSum;

    /** Positions opened. */
    public long entries() {
        return entries;
    }

    /** Positions closed, for any reason. */
    public long closed() {
        return closed;
    }

    /** Closed positions with net P&amp;L (price + funding − fees) above zero. */
    public long wins() {
        return wins;
    }

    public long agentExits() {
        return agentExits;
    }

    public long stopLosses() {
        return stopLosses;
    }

    /** Positions closed because a leg was liquidated. */
    public long liquidations() {
        return liquidations;
    }

    /** Positions closed by {@link FundingArbitrageEnv#closeAll} (the end of an evaluation). */
    public long episodeEnds() {
        return episodeEnds;
    }

    /** Sum of the holding times of closed positions, hours. */
    public double holdHours() {
        return holdHours;
    }

    /** Sum of the net P&amp;L of closed positions, USD. */
    public double netPnlUsd() {
        return netPnlUsd;
    }

    public double feesUsd() {
        return feesUsd;
    }

    public double fundingUsd() {
        return fundingUsd;
    }

    public long steps() {
        return steps;
    }

    /** Sum over steps of capital utilisation (Σ position sizes / equity). */
    public double utilizationSum() {
        return utilizationSum;
    }

    /** A copy, to subtract later. */
    public TradeStats snapshot() {
        TradeStats s = new TradeStats();
        s.entries = entries;
        s.closed = closed;
        s.wins = wins;
        s.agentExits = agentExits;
        s.stopLosses = stopLosses;
        s.liquidations = liquidations;
        s.episodeEnds = episodeEnds;
        s.holdHours = holdHours;
        s.netPnlUsd = netPnlUsd;
        s.feesUsd = feesUsd;
        s.fundingUsd = fundingUsd;
        s.steps = steps;
        s.utilizationSum = utilizationSum;
        return s;
    }

    /** This minus an earlier snapshot. */
    public TradeStats minus(TradeStats earlier) {
        TradeStats s = new TradeStats();
        s.entries = entries - earlier.entries;
        s.closed = closed - earlier.closed;
        s.wins = wins - earlier.wins;
        s.agentExits = agentExits - earlier.agentExits;
        s.stopLosses = stopLosses - earlier.stopLosses;
        s.liquidations = liquidations - earlier.liquidations;
        s.episodeEnds = episodeEnds - earlier.episodeEnds;
        s.holdHours = holdHours - earlier.holdHours;
        s.netPnlUsd = netPnlUsd - earlier.netPnlUsd;
        s.feesUsd = feesUsd - earlier.feesUsd;
        s.fundingUsd = fundingUsd - earlier.fundingUsd;
        s.steps = steps - earlier.steps;
        s.utilizationSum = utilizationSum - earlier.utilizationSum;
        return s;
    }
}
