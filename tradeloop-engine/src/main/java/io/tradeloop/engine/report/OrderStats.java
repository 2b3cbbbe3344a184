package io.tradeloop.engine.report;

import io.tradeloop.engine.venue.JournalEntry;
import io.tradeloop.engine.venue.OrderJournal;
import io.tradeloop.risk.RiskVerdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to the orders of a run, counted from its journal: proposals and the risk verdicts,
 * orders, fills, venue rejections, cancellations, liquidations, funding payments.
 *
 * @param proposals        proposals the strategy made
 * @param approved         approved as proposed
 * @param adjusted         approved after being scaled down
 * @param refused          refused
 * @param refusedByRule    refusals per rule, with the count and the first reason
 * @param ordersAccepted   orders the venue took
 * @param fills            executions (liquidations included)
 * @param rejected         orders the venue rejected (duplicate id, funds, short spot)
 * @param cancelled        orders ended without executing
 * @param liquidations     liquidations
 * @param fundingPayments  funding settlements on open positions
 */
public record OrderStats(int proposals, int approved, int adjusted, int refused, Map<String, RuleCount> refusedByRule,
                         int ordersAccepted, int fills, int rejected, int cancelled, int liquidations, int fundingPayments) {
    /** Refusals by one rule: how many and the first reason given. */
    public record RuleCount(int count, String firstReason) {
    }

    public static OrderStats of(OrderJournal journal) {
        int proposals = 0;
        int approved = 0;
        int adjusted = 0;
        int refused = 0;
        int accepted = 0;
        int fills = 0;
        int rejected = 0;
        int cancelled = 0;
        int liquidations = 0;
        int funding = 0;
        Map<String, RuleCount> byRule = new LinkedHashMap<>();
        for (JournalEntry e : journal.entries()) {
            switch (e) {
                case JournalEntry.RiskChecked r -> {
                    proposals++;
                    switch (r.decision().finalVerdict()) {
                        case RiskVerdict.Approved ignored -> approved++;
                        case RiskVerdict.Adjusted ignored -> adjusted++;
                        case RiskVerdict.Refused f -> {
                            refused++;
                            byRule.merge(f.rule(), new RuleCount(1, f.reason()),
                                    (a, b) -> new RuleCount(a.count() + 1, a.firstReason()));
                        }
                    }
                }
                case JournalEntry.Accepted ignored -> accepted++;
                case JournalEntry.Filled ignored -> fills++;
                case JournalEntry.Liquidated ignored -> {
                    fills++;
                    liquidations++;
                }
                case JournalEntry.Rejected ignored -> rejected++;
                case JournalEntry.Cancelled ignored -> cancelled++;
                case JournalEntry.FundingSettled ignored -> funding++;
            }
        }
        return new OrderStats(proposals, approved, adjusted, refused, byRule, accepted, fills, rejected, cancelled,
                liquidations, funding);
    }

    /** The rejection reasons, for the report. */
    public static List<String> rejectionReasons(OrderJournal journal, int limit) {
        return journal.entries(JournalEntry.Rejected.class).stream().map(JournalEntry.Rejected::reason).distinct().limit(limit).toList();
    }
}
