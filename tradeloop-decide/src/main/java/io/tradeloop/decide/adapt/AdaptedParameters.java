package io.tradeloop.decide.adapt;

/**
 * The trading parameters the Q-learning adapter tunes (q-learning-parameter-engine.md).
 *
 * @param confidenceThreshold minimum vote confidence for an entry
 * @param sizeMultiplier      multiplies the position size
 * @param stopMultiplier      multiplies the stop distance (in ATRs)
 * @param takeProfitMultiplier multiplies the take-profit distance (in ATRs)
 * @param riskMultiplier      multiplies the risk budget (e.g. the VaR limit)
 */
public record AdaptedParameters(double confidenceThreshold, double sizeMultiplier, double stopMultiplier, double takeProfitMultiplier,
                                double riskMultiplier) {
}
