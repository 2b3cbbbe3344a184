package io.tradeloop.risk;

import io.tradeloop.core.portfolio.Portfolio;

/** Exposure arithmetic shared by the limit and VaR rules: what the account holds, per instrument and in total. */
public final class Exposure {
    private Exposure() {
    }

    /** Signed notional (qty × mark, long positive) the account holds in {@code instrumentId} across its books. */
    public static double signedNotionalUsd(Portfolio p, String instrumentId) {
        double n = 0;
        for (int b = 0; b < p.books(); b++) {
            if (p.isOpen(b) && p.instrument(b).id().equals(instrumentId)) {
                n += p.qty(b) * p.markPrice(b);
            }
        }
        return n;
    }

    /** Σ |qty × mark| over every open book. */
    public static double grossNotionalUsd(Portfolio p) {
        double n = 0;
        for (int b = 0; b < p.books(); b++) {
            if (p.isOpen(b)) n += Math.abs(p.qty(b) * p.markPrice(b));
        }
        return n;
    }

    /** A leg's signed notional: +qty × price for a buy, − for a sell. */
    public static double signedNotionalUsd(Leg leg) {
        return leg.side().sign() * leg.notionalUsd();
    }
}
