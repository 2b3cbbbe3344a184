package io.tradeloop.engine.venue;

import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Order;
import io.tradeloop.risk.RiskDecision;
import io.tradeloop.risk.TradeProposal;

/** One line of the order journal: what was proposed, what the risk layer said, what the venue did. */
public sealed interface JournalEntry {
    /** When it happened, epoch ms. */
    long timeMs();

    /** The risk engine's verdict on a proposal (every proposal has one, approved or not). */
    record RiskChecked(long timeMs, long proposalId, TradeProposal proposal, RiskDecision decision) implements JournalEntry {
    }

    /** The venue took an order; it will execute at its feed's next bar (or rest, for a limit). */
    record Accepted(long timeMs, long proposalId, Order order) implements JournalEntry {
    }

    /** An execution booked into the portfolio, priced from bar {@code bar} of the order's feed. */
    record Filled(long timeMs, long proposalId, Fill fill, int bar, double slippageFraction) implements JournalEntry {
    }

    /** The venue closed a position at its liquidation price, reached during bar {@code bar}. */
    record Liquidated(long timeMs, Fill fill, int bar, double liquidationPrice) implements JournalEntry {
    }

    /** The venue refused an order (a repeated client order id, not enough funds at execution). */
    record Rejected(long timeMs, long proposalId, Order order, String reason) implements JournalEntry {
    }

    /** An order ended without executing (cancelled, nothing left to reduce, expired at the end of data). */
    record Cancelled(long timeMs, long proposalId, Order order, String reason) implements JournalEntry {
    }

    /** A funding payment on an open position (positive = received). */
    record FundingSettled(long timeMs, int feed, double rate, double markPrice, double paymentUsd) implements JournalEntry {
    }
}
