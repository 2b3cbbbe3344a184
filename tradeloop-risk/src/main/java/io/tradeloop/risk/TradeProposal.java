package io.tradeloop.risk;

import java.util.List;

/**
 * A trade the decision layer wants to make, all legs together (an arbitrage pair is two legs that
 * stand or fall as one).
 *
 * @param legs   the legs, at least one
 * @param timeMs decision time, epoch ms
 * @param source who proposes it (strategy or agent name), for the decision record
 */
public record TradeProposal(List<Leg> legs, long timeMs, String source) {
    public TradeProposal {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a trade proposal needs at least one leg");
        }
        legs = List.copyOf(legs);
    }

    // Plain indexed loops: the RL action masks call these every step and must not allocate.
    public boolean isReducingOnly() {
        for (int i = 0; i < legs.size(); i++) {
            if (!legs.get(i).reducing()) {
                return false;
            }
        }
        return true;
    }

    public double notionalUsd() {
        double sum = 0;
        for (int i = 0; i < legs.size(); i++) {
            sum += legs.get(i).notionalUsd();
        }
        return sum;
    }

    /** Initial margin the opening legs lock: Σ notional / leverage over legs that are not reducing. */
    public double marginUsd() {
        double sum = 0;
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            if (!l.reducing()) {
                sum += l.marginUsd();
            }
        }
        return sum;
    }

    public TradeProposal scaled(double factor) {
        return new TradeProposal(legs.stream().map(l -> l.scaled(factor)).toList(), timeMs, source);
    }
}
