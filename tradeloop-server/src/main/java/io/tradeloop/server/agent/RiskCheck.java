package io.tradeloop.server.agent;

import io.tradeloop.risk.RiskVerdict;

/**
 * One risk rule's verdict on a decision, as the decision record shows it.
 *
 * @param rule    the rule name (e.g. {@code margin-use-limit}, {@code stop-loss})
 * @param verdict APPROVED, ADJUSTED, REFUSED or EXIT (a post-trade exit forced by risk)
 * @param scale   the size factor an adjustment applied (1 otherwise)
 * @param reason  why (empty when approved)
 */
public record RiskCheck(String rule, String verdict, double scale, String reason) {
    /** The record form of a risk-layer verdict. */
    public static RiskCheck of(RiskVerdict v) {
        return switch (v) {
            case RiskVerdict.Approved a -> new RiskCheck(a.rule(), "APPROVED", 1, "");
            case RiskVerdict.Adjusted a -> new RiskCheck(a.rule(), "ADJUSTED", a.scale(), a.reason());
            case RiskVerdict.Refused r -> new RiskCheck(r.rule(), "REFUSED", 0, r.reason());
        };
    }

    /** A post-trade exit the risk layer forced (stop-loss, liquidation). */
    public static RiskCheck exit(String rule, String reason) {
        return new RiskCheck(rule, "EXIT", 1, reason);
    }
}
