package io.tradeloop.decide.train;

/**
 * The periods a directional run was trained and judged on, saved beside its models so the ablation
 * tests exactly the period training never saw.
 *
 * @param validationStartMs first validation decision time
 * @param testStartMs       first test decision time
 * @param endMs             end of the data used
 * @param seed              the training seed
 * @param takerFeeRate      the fee the run assumed per side
 */
public record RunPeriods(long validationStartMs, long testStartMs, long endMs, long seed, double takerFeeRate) {
}
