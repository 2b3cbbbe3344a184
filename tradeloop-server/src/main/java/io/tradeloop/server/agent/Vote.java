package io.tradeloop.server.agent;

/**
 * One voter's opinion inside a decision: which action it supports and how strongly.
 *
 * @param voter      the rule or model that voted, e.g. {@code carry-apr}
 * @param action     the action name it supports (one of {@link FundingAction#NAMES})
 * @param confidence how strongly, in [0, 1]
 * @param detail     why, with the numbers it used
 */
public record Vote(String voter, String action, double confidence, String detail) {
}
