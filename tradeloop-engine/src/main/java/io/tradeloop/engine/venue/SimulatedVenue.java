package io.tradeloop.engine.venue;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Liquidity;
import io.tradeloop.core.order.Order;
import io.tradeloop.core.order.OrderType;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.engine.market.MarketFeed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A venue that executes orders against historical bars, books fills into the shared {@link Portfolio},
 * settles funding and liquidates positions that reach their liquidation price.
 *
 * <p><b>Fill model</b> (the intrabar assumption; docs/backtest.md states it too). An order decided at
 * the close of bar t reaches the venue at that instant and executes in bar t+1 at the earliest:
 * <ul>
 *   <li>A market order fills at bar t+1's open, moved against the order by the {@link SlippageModel}
 *       (computed from bar t, the last bar the decision could see), and clamped into bar t+1's
 *       [low, high]: a buy never fills below the open, a sell never above it, and nothing fills outside
 *       the range that traded. Taker fee.</li>
 *   <li>A limit order that is marketable when it arrives (a buy limit at or above bar t+1's open) fills
 *       at once as a taker at min(open × (1 + slippage), limit, high) (sells mirrored).</li>
 *   <li>Otherwise it rests. A resting limit fills as a maker at its limit price when a later bar trades
 *       <em>through</em> it (low &lt; limit for a buy, high &gt; limit for a sell; a touch is not a fill, since
 *       queue position is unknown), or at that bar's open when the bar opens beyond the limit (a gap in
 *       the order's favour). Resting limits are checked when the bar closes.</li>
 *   <li>Reduce-only orders are clamped to the position and cancelled when there is nothing to reduce.
 *       An opening fill the free cash cannot pay for (margin + fee) is rejected; spot is never sold short.</li>
 *   <li>Funding: at each settlement time of the feed's own {@code FundingSeries}, an open perpetual position
 *       receives −qty × mark × rate, mark = the last close at or before that time. Settlements are
 *       processed before orders decided at the same instant execute, so a position opened at time T
 *       does not take part in the settlement at T.</li>
 *   <li>Liquidation: when a bar's low (long) or high (short) reaches a position's liquidation price, the
 *       venue closes it at that price (or at the open when the bar opened beyond it) with a taker fee.</li>
 *   <li>Client order ids are idempotency keys: an id seen before is rejected and never filled again.</li>
 * </ul>
 * Prices are not rounded to ticks; there is no partial fill and no latency beyond the next bar.
 */
public final class SimulatedVenue {
    /** Told about every booked fill, liquidations included (their proposal id is −1). */
    @FunctionalInterface
    public interface FillListener {
        void onFill(Fill fill, long proposalId, boolean liquidation);
    }

    /** What the venue did with a submitted order. */
    public enum SubmitStatus {
        ACCEPTED, DUPLICATE
    }

    private static final class Pending {
        final Order order;
        final long proposalId;
        final int feed;
        boolean resting;

        Pending(Order order, long proposalId, int feed) {
            this.order = order;
            this.proposalId = proposalId;
            this.feed = feed;
        }
    }

    private final MarketFeed[] feeds;
    private final double[][] open;
    private final double[][] high;
    private final double[][] low;
    private final double[][] close;
    private final double[][] volume;
    private final Portfolio portfolio;
    private final SlippageModel slippage;
    private final OrderJournal journal;
    private final FillListener listener;
    private final Set<String> seenClientOrderIds = new HashSet<>();
    private final ArrayList<Pending> pending = new ArrayList<>();
    private final int[] pendingPerFeed;
    private final int[] lastClosedBar;
    private long liquidationSeq;

    public SimulatedVenue(List<MarketFeed> feeds, Portfolio portfolio, SlippageModel slippage, OrderJournal journal,
                          FillListener listener) {
        if (portfolio.books() < feeds.size()) {
            throw new ConfigException("books", "portfolio has " + portfolio.books() + " books, the venue needs one per feed ("
                    + feeds.size() + ")");
        }
        this.feeds = feeds.toArray(MarketFeed[]::new);
        int n = this.feeds.length;
        open = new double[n][];
        high = new double[n][];
        low = new double[n][];
        close = new double[n][];
        volume = new double[n][];
        for (int f = 0; f < n; f++) {
            var b = this.feeds[f].bars();
            open[f] = b.opens();
            high[f] = b.highs();
            low[f] = b.lows();
            close[f] = b.closes();
            volume[f] = b.volumes();
        }
        this.portfolio = portfolio;
        this.slippage = slippage;
        this.journal = journal;
        this.listener = listener == null ? (fill, id, liquidation) -> { } : listener;
        pendingPerFeed = new int[n];
        lastClosedBar = new int[n];
        java.util.Arrays.fill(lastClosedBar, -1);
    }

    /**
     * Takes an order for execution at its feed's next bar. The order's {@code book} is its feed index.
     * A client order id the venue has seen before is rejected (and recorded), never filled twice.
     */
    public SubmitStatus submit(Order order, long proposalId, long nowMs) {
        int f = order.book();
        if (f >= feeds.length) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + " is for feed " + f + ", the venue has "
                    + feeds.length + " feeds");
        }
        if (!feeds[f].instrument().equals(order.instrument())) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + " trades " + order.instrument().id()
                    + " but feed " + f + " is " + feeds[f].instrument().id());
        }
        if (!seenClientOrderIds.add(order.clientOrderId())) {
            journal.append(new JournalEntry.Rejected(nowMs, proposalId, order,
                    "duplicate client order id " + order.clientOrderId() + ": already seen, not filled again"));
            return SubmitStatus.DUPLICATE;
        }
        pending.add(new Pending(order, proposalId, f));
        pendingPerFeed[f]++;
        journal.append(new JournalEntry.Accepted(nowMs, proposalId, order));
        return SubmitStatus.ACCEPTED;
    }

    /** Cancels a pending order; false when no pending order has that id. */
    public boolean cancel(String clientOrderId, long nowMs) {
        for (int k = 0; k < pending.size(); k++) {
            Pending p = pending.get(k);
            if (p.order.clientOrderId().equals(clientOrderId)) {
                remove(k);
                journal.append(new JournalEntry.Cancelled(nowMs, p.proposalId, p.order, "cancelled by the strategy"));
                return true;
            }
        }
        return false;
    }

    public int pendingOrders(int feed) {
        return pendingPerFeed[feed];
    }

    public int pendingOrders() {
        return pending.size();
    }

    /** Bar {@code bar} of {@code feed} opens at {@code timeMs}: market orders and marketable limits execute. */
    public void onBarOpen(int feed, int bar, long timeMs) {
        if (pendingPerFeed[feed] == 0) {
            return;
        }
        double o = open[feed][bar];
        double h = high[feed][bar];
        double l = low[feed][bar];
        for (int k = 0; k < pending.size(); ) {
            Pending p = pending.get(k);
            if (p.feed != feed) {
                k++;
                continue;
            }
            Order ord = p.order;
            boolean buy = ord.side() == Side.BUY;
            double qty = executableQty(p, timeMs);
            if (qty <= 0) {
                remove(k);
                continue;
            }
            if (ord.type() == OrderType.MARKET) {
                double s = slippageFraction(feed, bar, qty);
                double px = buy ? Math.min(o * (1 + s), h) : Math.max(o * (1 - s), l);
                remove(k);
                execute(p, bar, qty, px, Liquidity.TAKER, s, timeMs);
                continue;
            }
            double limit = ord.limitPrice();
            boolean through = buy ? o <= limit : o >= limit;
            if (!through) {
                p.resting = true;
                k++;
                continue;
            }
            remove(k);
            if (p.resting) {
                execute(p, bar, qty, o, Liquidity.MAKER, 0, timeMs); // gapped through a resting limit: the open is better
            } else {
                double s = slippageFraction(feed, bar, qty);
                double px = buy ? Math.min(Math.min(o * (1 + s), limit), h) : Math.max(Math.max(o * (1 - s), limit), l);
                execute(p, bar, qty, px, Liquidity.TAKER, s, timeMs);
            }
        }
    }

    /**
     * Bar {@code bar} of {@code feed} closes at {@code timeMs}: resting limits the bar traded through fill,
     * positions whose liquidation price the bar reached are liquidated, and the book is marked at the close.
     */
    public void onBarClose(int feed, int bar, long timeMs) {
        lastClosedBar[feed] = bar;
        if (pendingPerFeed[feed] > 0) {
            double h = high[feed][bar];
            double l = low[feed][bar];
            for (int k = 0; k < pending.size(); ) {
                Pending p = pending.get(k);
                // Only limits that were already at the venue when this bar opened: a bar's range before
                // the order arrived must not fill it.
                if (p.feed != feed || p.order.type() != OrderType.LIMIT || !p.resting) {
                    k++;
                    continue;
                }
                double limit = p.order.limitPrice();
                boolean buy = p.order.side() == Side.BUY;
                if (buy ? l < limit : h > limit) {
                    double qty = executableQty(p, timeMs);
                    remove(k);
                    if (qty > 0) {
                        execute(p, bar, qty, limit, Liquidity.MAKER, 0, timeMs);
                    }
                } else {
                    k++;
                }
            }
        }
        if (portfolio.isOpen(feed) && portfolio.instrument(feed).kind().isPerpetual()) {
            liquidateIfReached(feed, bar, open[feed][bar], high[feed][bar], low[feed][bar], timeMs);
        }
        portfolio.mark(feed, close[feed][bar]);
    }

    /**
     * Settles one funding payment of {@code feed} at {@code rate} (per interval) on its open position, at
     * the last close. Returns the payment received in USD (0 when flat).
     */
    public double settleFunding(int feed, double rate, long timeMs) {
        if (!portfolio.isOpen(feed)) {
            return 0;
        }
        int b = lastClosedBar[feed];
        double mark = b >= 0 ? close[feed][b] : portfolio.markPrice(feed);
        double paid = portfolio.settleFunding(feed, rate, mark);
        journal.append(new JournalEntry.FundingSettled(timeMs, feed, rate, mark, paid));
        return paid;
    }

    /** Ends every order still pending: there are no more bars to execute them. */
    public void expireAll(long timeMs) {
        for (Pending p : pending) {
            journal.append(new JournalEntry.Cancelled(timeMs, p.proposalId, p.order, "expired: no later bar of feed " + p.feed));
        }
        pending.clear();
        java.util.Arrays.fill(pendingPerFeed, 0);
    }

    /** The close of the newest bar of {@code feed} that has closed, NaN before the first. */
    public double lastClose(int feed) {
        int b = lastClosedBar[feed];
        return b >= 0 ? close[feed][b] : Double.NaN;
    }

    private double slippageFraction(int feed, int bar, double qty) {
        if (bar == 0) {
            return slippage.fraction(qty, 0, 0, 0, 0); // no bar before it: only the fixed part
        }
        int prev = bar - 1;
        return slippage.fraction(qty, high[feed][prev], low[feed][prev], close[feed][prev], volume[feed][prev]);
    }

    /** The quantity the order may execute now: reduce-only orders are clamped to the opposite position. */
    private double executableQty(Pending p, long timeMs) {
        Order ord = p.order;
        if (!ord.reduceOnly()) {
            return ord.qty();
        }
        double q = portfolio.qty(p.feed);
        if (q == 0 || Math.signum(q) == ord.side().sign()) {
            journal.append(new JournalEntry.Cancelled(timeMs, p.proposalId, ord, "reduce-only: no opposite position to reduce"));
            return 0;
        }
        return Math.min(ord.qty(), Math.abs(q));
    }

    private void execute(Pending p, int bar, double qty, double price, Liquidity liquidity, double slip, long timeMs) {
        Order ord = p.order;
        Instrument inst = ord.instrument();
        int f = p.feed;
        double fee = qty * price * (liquidity == Liquidity.MAKER ? inst.makerFeeRate() : inst.takerFeeRate());
        double signed = ord.side().sign() * qty;
        double q = portfolio.qty(f);
        if (inst.kind() == InstrumentKind.SPOT && q + signed < -1e-12 * Math.max(1, Math.abs(q))) {
            journal.append(new JournalEntry.Rejected(timeMs, p.proposalId, ord,
                    "spot " + inst.id() + " cannot be sold short: holding " + q + ", selling " + qty));
            return;
        }
        if (!ord.reduceOnly()) {
            double closing = (q != 0 && Math.signum(q) != Math.signum(signed)) ? Math.min(qty, Math.abs(q)) : 0;
            double opening = qty - closing;
            if (opening > 0) {
                double lev = (q != 0 && closing == 0) ? portfolio.leverage(f) : ord.leverage();
                double released = closing > 0
                        ? portfolio.marginUsd(f) * closing / Math.abs(q) + closing * (price - portfolio.entryPrice(f)) * Math.signum(q)
                        : 0;
                double need = opening * price / lev + fee;
                double free = portfolio.cashUsd() + released;
                if (need > free + 1e-9) {
                    journal.append(new JournalEntry.Rejected(timeMs, p.proposalId, ord, String.format(java.util.Locale.ROOT,
                            "insufficient funds at execution: needs %.2f USD (margin + fee), free cash %.2f", need, free)));
                    return;
                }
            }
        }
        Fill fill = new Fill(ord.clientOrderId(), inst, ord.side(), qty, price, fee, liquidity, ord.leverage(), f, timeMs);
        portfolio.apply(fill);
        journal.append(new JournalEntry.Filled(timeMs, p.proposalId, fill, bar, slip));
        listener.onFill(fill, p.proposalId, false);
    }

    private void liquidateIfReached(int feed, int bar, double o, double h, double l, long timeMs) {
        double q = portfolio.qty(feed);
        double liq = portfolio.liquidationPrice(feed);
        boolean isLong = q > 0;
        double px;
        if (isLong && l <= liq) {
            px = Math.min(o, liq);
        } else if (!isLong && h >= liq) {
            px = Math.max(o, liq);
        } else {
            return;
        }
        Instrument inst = portfolio.instrument(feed);
        double qty = Math.abs(q);
        Side side = isLong ? Side.SELL : Side.BUY;
        Fill fill = new Fill("liquidation-" + (++liquidationSeq), inst, side, qty, px, qty * px * inst.takerFeeRate(),
                Liquidity.TAKER, portfolio.leverage(feed), feed, timeMs);
        portfolio.apply(fill);
        journal.append(new JournalEntry.Liquidated(timeMs, fill, bar, liq));
        listener.onFill(fill, -1, true);
    }

    private void remove(int k) {
        Pending p = pending.remove(k);
        pendingPerFeed[p.feed]--;
    }
}
