package io.tradeloop.server.predict;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/predict-multi} (the plan's §4.1 example).
 *
 * @param action              the chosen action's name, e.g. {@code ENTER_OPP_3_MEDIUM}
 * @param actionIndex         its id, 0–35
 * @param opportunityIdx      the index in the request's opportunities of the one an ENTER opens (null otherwise)
 * @param positionIdx         the position an EXIT refers to (null otherwise)
 * @param positionSizeUsd     USD notional per leg for an ENTER: available × target_utilization / max_positions × 10/20/30%; 0 otherwise
 * @param confidence          HIGH (p ≥ 0.6), MEDIUM (p ≥ 0.3) or LOW, from the chosen action's probability p
 * @param confidenceScore     p itself
 * @param stateValue          the critic's value estimate
 * @param actionProbabilities every one of the 36 actions by name, in action order
 * @param reasoning           the top opportunity, its expected APR, the risk level and every derived field
 * @param modelVersion        the policy that answered
 */
public record PredictMultiResponse(String action, int actionIndex, Integer opportunityIdx, Integer positionIdx,
                                   double positionSizeUsd, String confidence, double confidenceScore, double stateValue,
                                   Map<String, Double> actionProbabilities, Reasoning reasoning, String modelVersion) {
    /**
     * Why, in the plan's terms.
     *
     * @param topOpportunity e.g. {@code BTCUSDT (binance/bybit)}, or null when none was given
     * @param expectedApr    the APR (percent, 24 h projection) of the chosen opportunity, or of the top one for HOLD/EXIT
     * @param riskLevel      HIGH when a position is within the liquidation buffer or max_leverage ≥ 5; MEDIUM within twice the buffer or max_leverage ≥ 3; else LOW
     * @param validActions     how many actions the mask allowed
     * @param opportunityOrder the request indices of the opportunities in the policy's slot order (ENTER_OPP_i refers to
     *                         element i; the policy ranks by the composite score and drops those that do not earn)
     * @param derivedFields    every request field that was derived or defaulted, with how
     */
    public record Reasoning(String topOpportunity, Double expectedApr, String riskLevel, int validActions, List<Integer> opportunityOrder,
                            List<String> derivedFields) {
    }
}
