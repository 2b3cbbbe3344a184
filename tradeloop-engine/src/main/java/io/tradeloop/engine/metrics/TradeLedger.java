package io.tradeloop.engine.metrics;

import io.tradeloop.core.order.Fill;
import io.tradeloop.core.portfolio.Portfolio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns fills into trades. A book's trade starts with the fill that takes it from flat to a position
 * and ends with the fill that makes it flat (a flip ends one trade and starts another; the flip's fee
 * goes to the trade it ends). Legs opened by the same proposal form one trade, finished when its last
 * leg is flat. Price P&amp;L, funding and fees come from the portfolio's per-book tallies, so they agree
 * with the account to the cent.
 */
public final class TradeLedger {
    private static final class Group {
        final long entryMs;
        final StringBuilder description = new StringBuilder();
        int legs;
        int openLegs;
        double entryNotional;
        double pricePnl;
        double funding;
        double fees;
        boolean liquidated;

        Group(long entryMs) {
            this.entryMs = entryMs;
        }
    }

    private final Portfolio portfolio;
    private final List<ClosedTrade> closed = new ArrayList<>();
    private final Map<Long, Group> open = new HashMap<>();
    private final Group[] groupOfBook;
    private final double[] realisedAtOpen;
    private final double[] fundingAtOpen;
    private final double[] feesAtOpen;
    private double tradedNotionalUsd;
    private long syntheticGroupIds = -2;

    public TradeLedger(Portfolio portfolio) {
        this.portfolio = portfolio;
        int b = portfolio.books();
        groupOfBook = new Group[b];
        realisedAtOpen = new double[b];
        fundingAtOpen = new double[b];
        feesAtOpen = new double[b];
    }

    /** Call after the fill has been booked into the portfolio; {@code proposalId} &lt; 0 when no proposal caused it. */
    public void onFill(Fill fill, long proposalId, boolean liquidation) {
        int b = fill.book();
        tradedNotionalUsd += fill.notionalUsd();
        double after = portfolio.qty(b);
        double before = after - fill.signedQty();
        if (Math.abs(before) < 1e-12 * Math.max(1, Math.abs(after))) {
            before = 0;
        }
        boolean wasOpen = before != 0;
        boolean flipped = wasOpen && after != 0 && Math.signum(after) != Math.signum(before);
        if (wasOpen && (after == 0 || flipped)) {
            if (liquidation) {
                groupOfBook[b].liquidated = true;
            }
            closeLeg(b, fill.timeMs());
        }
        if (!wasOpen && after != 0) {
            // Opening fill: the tallies before it are the current ones less this fill's fee.
            openLeg(b, fill, proposalId, portfolio.feesUsd(b) - fill.feeUsd(), portfolio.realisedPnlUsd(b));
        } else if (flipped) {
            openLeg(b, fill, proposalId, portfolio.feesUsd(b), portfolio.realisedPnlUsd(b));
        }
    }

    private void openLeg(int b, Fill fill, long proposalId, double feesBefore, double realisedBefore) {
        long key = proposalId >= 0 ? proposalId : syntheticGroupIds--;
        Group g = open.get(key);
        if (g == null) {
            g = new Group(fill.timeMs());
            open.put(key, g);
        }
        double q = portfolio.qty(b);
        if (g.legs > 0) {
            g.description.append(" / ");
        }
        g.description.append(q > 0 ? "long " : "short ").append(fill.instrument().id());
        g.legs++;
        g.openLegs++;
        g.entryNotional += Math.abs(q) * fill.price();
        groupOfBook[b] = g;
        feesAtOpen[b] = feesBefore;
        realisedAtOpen[b] = realisedBefore;
        fundingAtOpen[b] = portfolio.fundingUsd(b);
    }

    private void closeLeg(int b, long timeMs) {
        Group g = groupOfBook[b];
        g.pricePnl += portfolio.realisedPnlUsd(b) - realisedAtOpen[b];
        g.funding += portfolio.fundingUsd(b) - fundingAtOpen[b];
        g.fees += portfolio.feesUsd(b) - feesAtOpen[b];
        groupOfBook[b] = null;
        if (--g.openLegs == 0) {
            open.values().remove(g);
            closed.add(new ClosedTrade(g.entryMs, timeMs, g.description.toString(), g.legs, g.entryNotional,
                    g.pricePnl, g.funding, g.fees, g.liquidated));
        }
    }

    public List<ClosedTrade> closedTrades() {
        return List.copyOf(closed);
    }

    public int openTrades() {
        return open.size();
    }

    public double tradedNotionalUsd() {
        return tradedNotionalUsd;
    }
}
