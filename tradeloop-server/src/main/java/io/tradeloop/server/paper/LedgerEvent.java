package io.tradeloop.server.paper;

import io.tradeloop.core.order.Side;

/**
 * An entry of an agent's account journal. Replaying a run's entries in {@code ledgerSeq} order into a
 * fresh {@code Portfolio} reproduces its account exactly; that is how an agent comes back after a restart.
 */
public sealed interface LedgerEvent {
    long ledgerSeq();

    int tick();

    /** A fill booked into {@code book}. */
    record FillEntry(long ledgerSeq, int tick, String clientOrderId, int book, String venue, String base, String symbol,
                     Side side, double qty, double price, double feeUsd, double leverage, long timeMs) implements LedgerEvent {
    }

    /** A funding settlement of {@code book}: {@code amountUsd} = −qty × mark × rate. */
    record FundingEntry(long ledgerSeq, int tick, int book, String venue, String base, double rate, double markPrice,
                        double amountUsd, long timeMs) implements LedgerEvent {
    }
}
