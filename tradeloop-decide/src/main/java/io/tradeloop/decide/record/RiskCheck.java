package io.tradeloop.decide.record;

import io.tradeloop.risk.RiskVerdict;

/**
 * One risk rule's verdict in a decision record, flattened for the API.
 *
 * @param rule    the rule's name
 * @param outcome {@code approved}, {@code adjusted} or {@code refused}
 * @param scale   1 when approved, the scale when adjusted, 0 when refused
 * @param reason  why (empty when approved)
 */
public record RiskCheck(String rule, String outcome, double scale, String reason) {
    public static RiskCheck of(RiskVerdict v) {
        return switch (v) {
            case RiskVerdict.Approved a -> new RiskCheck(a.rule(), "approved", 1, "");
            case RiskVerdict.Adjusted a -> new RiskCheck(a.rule(), "adjusted", a.scale(), a.reason());
            case RiskVerdict.Refused r -> new RiskCheck(r.rule(), "refused", 0, r.reason());
        };
    }
}
