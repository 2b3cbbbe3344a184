package io.tradeloop.rl.nn;

import io.tradeloop.core.config.Checks;

/**
 * The input layout of the modular PPO network (DESIGN.md, "The funding-rate arbitrage agent";
 * plan section "Neural Network Architecture") and its one tunable detail, the fusion dropout.
 * The observation is {@code config | portfolio | executionSlots x executionFeatures |
 * opportunitySlots x opportunityFeatures}, in that order. Hidden sizes are fixed by the design and
 * listed as constants.
 *
 * @param configFeatures      5 in the funding contract
 * @param portfolioFeatures   10
 * @param executionSlots      5 open-position slots
 * @param executionFeatures   12 per slot
 * @param opportunitySlots    10 opportunity slots
 * @param opportunityFeatures 20 per slot
 * @param actions             36
 * @param fusionDropout       dropout after the first fusion layer in training forwards (the plan's
 *                            {@code nn.Dropout(0.1)}); 0 turns it off
 */
public record ModularNetworkSpec(int configFeatures, int portfolioFeatures, int executionSlots, int executionFeatures,
                                 int opportunitySlots, int opportunityFeatures, int actions, double fusionDropout) {
    public static final int CONFIG_HIDDEN = 16;
    public static final int PORTFOLIO_HIDDEN = 32;
    public static final int EXECUTION_HIDDEN = 24;
    public static final int OPPORTUNITY_EMBED = 40;
    public static final int ATTENTION_HEADS = 4;
    public static final int OPPORTUNITY_OUT = 64;
    public static final int FUSION_IN = CONFIG_HIDDEN + PORTFOLIO_HIDDEN + EXECUTION_HIDDEN + OPPORTUNITY_OUT; // 136
    public static final int FUSION_HIDDEN = 128;
    public static final int FUSION_OUT = 64;
    public static final int HEAD_HIDDEN = 32;
    /** PyTorch's LayerNorm default. */
    public static final float LAYER_NORM_EPS = 1e-5f;

    /** The funding-arbitrage contract: 5 + 10 + 5x12 + 10x20 = 275 floats, 36 actions, dropout 0.1 as in the plan. */
    public static final ModularNetworkSpec FUNDING = new ModularNetworkSpec(5, 10, 5, 12, 10, 20, 36, 0.1);

    public ModularNetworkSpec {
        Checks.inRange("configFeatures", configFeatures, 1, 1024);
        Checks.inRange("portfolioFeatures", portfolioFeatures, 1, 1024);
        Checks.inRange("executionSlots", executionSlots, 1, 64);
        Checks.inRange("executionFeatures", executionFeatures, 1, 1024);
        Checks.inRange("opportunitySlots", opportunitySlots, 1, 64);
        Checks.inRange("opportunityFeatures", opportunityFeatures, 1, 1024);
        Checks.inRange("actions", actions, 1, 4096);
        Checks.inRange("fusionDropout", fusionDropout, 0.0, 0.9);
    }

    /** Floats per observation. */
    public int observationSize() {
        return configFeatures + portfolioFeatures + executionSlots * executionFeatures
                + opportunitySlots * opportunityFeatures;
    }

    public int portfolioOffset() {
        return configFeatures;
    }

    public int executionOffset() {
        return configFeatures + portfolioFeatures;
    }

    public int opportunityOffset() {
        return executionOffset() + executionSlots * executionFeatures;
    }

    /** The same layout with another dropout rate. */
    public ModularNetworkSpec withFusionDropout(double rate) {
        return new ModularNetworkSpec(configFeatures, portfolioFeatures, executionSlots, executionFeatures,
                opportunitySlots, opportunityFeatures, actions, rate);
    }
}
