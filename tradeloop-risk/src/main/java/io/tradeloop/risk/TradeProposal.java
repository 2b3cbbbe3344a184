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

    public boolean isReducingOnly() {
        return legs.stream().allMatch(Leg::reducing);
    }

    public double notionalUsd() {
        return legs.stream().mapToDouble(Leg::notionalUsd).sum();
    }

    public double marginUsd() {
        return legs.stream().filter(l -> !l.reducing()).mapToDouble(Leg::marginUsd).sum();
    }

    public TradeProposal scaled(double factor) {
        return new TradeProposal(legs.stream().map(l -> l.scaled(factor)).toList(), timeMs, source);
    }
}
