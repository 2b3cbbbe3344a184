package io.tradeloop.server.agent;

/**
 * A partial change of an agent's settings (the body of {@code PUT /agent/config}): absent fields keep
 * their current value; the merged result is validated as a whole.
 */
public record AgentConfigPatch(String name, String brain, Double initialCapitalUsd, Double maxLeverage,
                               Double targetUtilization, Integer maxPositions, Double stopLossThreshold,
                               Double liquidationBuffer, Double entryAprPct, Double exitAprPct, Double slippageBps,
                               Double speed, String asset) {
    /** {@code base} with every present field of this patch applied. */
    public AgentConfig applyTo(AgentConfig base) {
        return new AgentConfig(
                name != null ? name : base.name(),
                brain != null ? brain : base.brain(),
                initialCapitalUsd != null ? initialCapitalUsd : base.initialCapitalUsd(),
                maxLeverage != null ? maxLeverage : base.maxLeverage(),
                targetUtilization != null ? targetUtilization : base.targetUtilization(),
                maxPositions != null ? maxPositions : base.maxPositions(),
                stopLossThreshold != null ? stopLossThreshold : base.stopLossThreshold(),
                liquidationBuffer != null ? liquidationBuffer : base.liquidationBuffer(),
                entryAprPct != null ? entryAprPct : base.entryAprPct(),
                exitAprPct != null ? exitAprPct : base.exitAprPct(),
                slippageBps != null ? slippageBps : base.slippageBps(),
                speed != null ? speed : base.speed(),
                asset != null ? asset : base.asset());
    }

    /** True when no field is present. */
    public boolean isEmpty() {
        return name == null && brain == null && initialCapitalUsd == null && maxLeverage == null && targetUtilization == null
                && maxPositions == null && stopLossThreshold == null && liquidationBuffer == null && entryAprPct == null
                && exitAprPct == null && slippageBps == null && speed == null && asset == null;
    }
}
