package io.tradeloop.risk;

/** One pre-trade check. Rules are small, named, and tested each with a worked example. */
public interface PreTradeRule {
    /** A stable name that appears in every decision record. */
    String name();

    RiskVerdict check(TradeProposal proposal, RiskContext context);
}
