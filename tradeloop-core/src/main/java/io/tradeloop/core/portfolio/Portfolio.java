package io.tradeloop.core.portfolio;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.order.Fill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The account every mode books into: cash, positions, margin, fees, funding and drawdown.
 *
 * <p>Positions live in numbered <em>books</em>. A netting backtest uses one book per instrument; the
 * funding-arbitrage environment uses two books (long leg, short leg) per execution slot, so two slots
 * may hold the same contract separately. State is kept column by column so the hot path allocates nothing.
 *
 * <p>Accounting identity (tested as a property): {@code cash + Σ margin = initial − fees + funding + realised},
 * and {@code equity = cash + Σ margin + Σ unrealised}. Opening a position moves its initial margin
 * (notional / leverage) from cash into the book; reducing it returns the proportional margin plus the
 * realised P&amp;L. Cash may go below zero: refusing trades the account cannot afford is the risk layer's job.
 *
 * <p>Equity, used margin and the number of open books are sums over the books; they are computed once after
 * each change (fill, mark, funding, history reset) and then served from a cache, so the risk rules and the
 * environments may ask for them many times per step. The cached sums are the same loops in the same order.
 */
public final class Portfolio {
    private static final double EPS_QTY = 1e-12;

    private final double initialCashUsd;
    private double cashUsd;
    private double feesUsd;
    private double fundingUsd;
    private double realisedPnlUsd;
    private double peakEquityUsd;
    private double maxDrawdownPct;
    private long tradeCount;

    private final Instrument[] instrument;
    private final double[] qty;
    private final double[] entryPrice;
    private final double[] leverage;
    private final double[] marginUsd;
    private final double[] markPrice;
    private final double[] bookRealisedUsd;
    private final double[] bookFundingUsd;
    private final double[] bookFeesUsd;

    // sums over the books, valid while !stale
    private boolean stale = true;
    private double equityCache;
    private double usedMarginCache;
    private int openBooksCache;

    public Portfolio(double initialCashUsd, int books) {
        if (!(initialCashUsd > 0) || Double.isInfinite(initialCashUsd)) {
            throw new IllegalArgumentException("initialCashUsd must be finite and > 0, got " + initialCashUsd);
        }
        if (books <= 0) {
            throw new IllegalArgumentException("books must be > 0, got " + books);
        }
        this.initialCashUsd = initialCashUsd;
        this.cashUsd = initialCashUsd;
        this.peakEquityUsd = initialCashUsd;
        instrument = new Instrument[books];
        qty = new double[books];
        entryPrice = new double[books];
        leverage = new double[books];
        marginUsd = new double[books];
        markPrice = new double[books];
        bookRealisedUsd = new double[books];
        bookFundingUsd = new double[books];
        bookFeesUsd = new double[books];
        Arrays.fill(leverage, 1);
    }

    /** Books a fill into its book. */
    public void apply(Fill fill) {
        fill(fill.book(), fill.instrument(), fill.signedQty(), fill.price(), fill.feeUsd(), fill.leverage());
    }

    /**
     * Books a trade of {@code signedQty} base units at {@code price} into {@code book}: opens, increases,
     * reduces, closes or flips the position, charging {@code feeUsd}.
     *
     * @param leverage leverage for the part that opens or increases the position (1 for spot)
     */
    public void fill(int book, Instrument inst, double signedQty, double price, double feeUsd, double leverage) {
        if (!(price > 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("fill price must be finite and > 0, got " + price + " (book " + book + ")");
        }
        if (!(Math.abs(signedQty) > 0) || Double.isInfinite(signedQty)) {
            throw new IllegalArgumentException("fill quantity must be finite and non-zero, got " + signedQty + " (book " + book + ")");
        }
        if (Double.isNaN(feeUsd) || Double.isInfinite(feeUsd)) {
            throw new IllegalArgumentException("fill fee must be finite, got " + feeUsd + " (book " + book + ")");
        }
        if (!(leverage >= 1)) {
            throw new IllegalArgumentException("leverage must be >= 1, got " + leverage + " (book " + book + ")");
        }
        double q = qty[book];
        if (q != 0 && instrument[book] != inst && !instrument[book].equals(inst)) {
            throw new IllegalStateException("book " + book + " holds " + instrument[book].id() + ", cannot book a fill of " + inst.id());
        }
        if (inst.kind() == InstrumentKind.SPOT) {
            if (leverage != 1) {
                throw new IllegalArgumentException("spot " + inst.id() + " cannot be leveraged (leverage " + leverage + ")");
            }
            if (q + signedQty < -EPS_QTY) {
                throw new IllegalArgumentException("spot " + inst.id() + " cannot be sold short: holding " + q + ", selling " + (-signedQty));
            }
        }
        stale = true;
        instrument[book] = inst;
        markPrice[book] = price;
        cashUsd -= feeUsd;
        feesUsd += feeUsd;
        bookFeesUsd[book] += feeUsd;
        tradeCount++;

        double remaining = signedQty;
        if (q != 0 && Math.signum(q) != Math.signum(signedQty)) {
            double closeQty = Math.min(Math.abs(signedQty), Math.abs(q));
            double realised = closeQty * (price - entryPrice[book]) * Math.signum(q);
            double released = marginUsd[book] * (closeQty / Math.abs(q));
            cashUsd += released + realised;
            marginUsd[book] -= released;
            realisedPnlUsd += realised;
            bookRealisedUsd[book] += realised;
            double newQ = q + Math.signum(signedQty) * closeQty;
            if (Math.abs(newQ) <= EPS_QTY * Math.max(1, Math.abs(q))) {
                // Closed: return any rounding residue of margin to cash.
                cashUsd += marginUsd[book];
                marginUsd[book] = 0;
                newQ = 0;
                entryPrice[book] = 0;
            }
            qty[book] = newQ;
            remaining = signedQty + Math.signum(q) * closeQty;
            q = newQ;
            if (Math.abs(remaining) <= EPS_QTY * Math.max(1, Math.abs(signedQty))) {
                return;
            }
        }
        // Open or increase with what remains.
        double addMargin = Math.abs(remaining) * price / leverage;
        if (q == 0) {
            entryPrice[book] = price;
            this.leverage[book] = leverage;
        } else {
            entryPrice[book] = (Math.abs(q) * entryPrice[book] + Math.abs(remaining) * price) / (Math.abs(q) + Math.abs(remaining));
            addMargin = Math.abs(remaining) * price / this.leverage[book];
        }
        qty[book] = q + remaining;
        marginUsd[book] += addMargin;
        cashUsd -= addMargin;
    }

    /**
     * Settles one funding payment on a perpetual book at {@code markPrice}: the position receives
     * −qty × mark × rate (longs pay a positive rate). Returns the payment in USD.
     */
    public double settleFunding(int book, double rate, double markPrice) {
        if (qty[book] == 0) {
            return 0;
        }
        if (!instrument[book].kind().isPerpetual()) {
            throw new IllegalStateException("funding settled on spot book " + book + " (" + instrument[book].id() + ")");
        }
        if (Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("funding rate must be finite, got " + rate + " (book " + book + ")");
        }
        mark(book, markPrice);
        double payment = Margin.fundingPaymentUsd(qty[book], markPrice, rate);
        stale = true;
        cashUsd += payment;
        fundingUsd += payment;
        bookFundingUsd[book] += payment;
        return payment;
    }

    /** Sets the mark price of a book (no allocation; the hot path calls it every bar). */
    public void mark(int book, double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("mark price must be finite and > 0, got " + price + " (book " + book + ")");
        }
        markPrice[book] = price;
        stale = true;
    }

    /** Recomputes equity, raising the peak or deepening the drawdown; call after marking. Returns equity. */
    public double updateDrawdown() {
        double eq = equityUsd();
        if (eq > peakEquityUsd) {
            peakEquityUsd = eq;
        } else if (peakEquityUsd > 0 && peakEquityUsd - eq > maxDrawdownPct * peakEquityUsd) {
            // Same test as (peak − eq) / peak > maxDrawdown, without a division on every call (the backtest calls it per bar).
            maxDrawdownPct = (peakEquityUsd - eq) / peakEquityUsd;
        }
        return eq;
    }

    public double initialCashUsd() {
        return initialCashUsd;
    }

    /** Free cash: not locked as margin. */
    public double cashUsd() {
        return cashUsd;
    }

    public double equityUsd() {
        if (stale) {
            refresh();
        }
        return equityCache;
    }

    public double usedMarginUsd() {
        if (stale) {
            refresh();
        }
        return usedMarginCache;
    }

    /** Recomputes the sums over the books: equity = cash + Σ over open books (margin + unrealised), Σ margin, open books. */
    private void refresh() {
        double eq = cashUsd;
        double m = 0;
        int open = 0;
        for (int b = 0; b < qty.length; b++) {
            if (qty[b] != 0) {
                eq += marginUsd[b] + qty[b] * (markPrice[b] - entryPrice[b]);
                open++;
            }
            m += marginUsd[b];
        }
        equityCache = eq;
        usedMarginCache = m;
        openBooksCache = open;
        stale = false;
    }

    public double unrealisedPnlUsd() {
        double u = 0;
        for (int b = 0; b < qty.length; b++) {
            if (qty[b] != 0) {
                u += qty[b] * (markPrice[b] - entryPrice[b]);
            }
        }
        return u;
    }

    /** Total P&amp;L since the start: equity − initial cash. */
    public double totalPnlUsd() {
        return equityUsd() - initialCashUsd;
    }

    public double feesPaidUsd() {
        return feesUsd;
    }

    /** Funding received (negative when paid on balance). */
    public double fundingUsd() {
        return fundingUsd;
    }

    public double realisedPnlUsd() {
        return realisedPnlUsd;
    }

    public long tradeCount() {
        return tradeCount;
    }

    public double peakEquityUsd() {
        return peakEquityUsd;
    }

    /** Current drawdown from the peak, as a fraction (0.1 = 10%), using the latest marks. */
    public double drawdownPct() {
        double eq = equityUsd();
        return eq >= peakEquityUsd ? 0 : (peakEquityUsd - eq) / peakEquityUsd;
    }

    /** The deepest drawdown seen by {@link #updateDrawdown()}. */
    public double maxDrawdownPct() {
        return maxDrawdownPct;
    }

    /** used margin / equity. */
    public double marginUsePct() {
        double eq = equityUsd();
        return eq <= 0 ? Double.POSITIVE_INFINITY : usedMarginUsd() / eq;
    }

    public int books() {
        return qty.length;
    }

    public boolean isOpen(int book) {
        return qty[book] != 0;
    }

    public int openBooks() {
        if (stale) {
            refresh();
        }
        return openBooksCache;
    }

    public Instrument instrument(int book) {
        return instrument[book];
    }

    public double qty(int book) {
        return qty[book];
    }

    public double entryPrice(int book) {
        return entryPrice[book];
    }

    public double markPrice(int book) {
        return markPrice[book];
    }

    public double leverage(int book) {
        return leverage[book];
    }

    public double marginUsd(int book) {
        return marginUsd[book];
    }

    public double unrealisedPnlUsd(int book) {
        return qty[book] * (markPrice[book] - entryPrice[book]);
    }

    public double realisedPnlUsd(int book) {
        return bookRealisedUsd[book];
    }

    public double fundingUsd(int book) {
        return bookFundingUsd[book];
    }

    public double feesUsd(int book) {
        return bookFeesUsd[book];
    }

    /** Liquidation price of a perpetual book (NaN when flat or spot). */
    public double liquidationPrice(int book) {
        if (qty[book] == 0 || !instrument[book].kind().isPerpetual()) {
            return Double.NaN;
        }
        return Margin.liquidationPrice(entryPrice[book], leverage[book], qty[book] > 0);
    }

    /** Distance of the mark from the liquidation price as a fraction of the mark (+∞ when flat or spot). */
    public double liquidationDistance(int book) {
        double liq = liquidationPrice(book);
        if (Double.isNaN(liq)) {
            return Double.POSITIVE_INFINITY;
        }
        return Margin.liquidationDistance(markPrice[book], liq, qty[book] > 0);
    }

    /** Clears the per-book history of a flat book so a new position starts its own tally. */
    public void resetBookHistory(int book) {
        if (qty[book] != 0) {
            throw new IllegalStateException("book " + book + " is open (" + qty[book] + "), cannot reset its history");
        }
        bookRealisedUsd[book] = 0;
        bookFundingUsd[book] = 0;
        bookFeesUsd[book] = 0;
        marginUsd[book] = 0;
        stale = true;
    }

    public PositionView position(int book) {
        return new PositionView(book, instrument[book], qty[book], entryPrice[book], markPrice[book], leverage[book],
                marginUsd[book], unrealisedPnlUsd(book), bookRealisedUsd[book], bookFundingUsd[book], bookFeesUsd[book],
                liquidationPrice(book));
    }

    /** Snapshots of the open books. */
    public List<PositionView> openPositions() {
        List<PositionView> list = new ArrayList<>();
        for (int b = 0; b < qty.length; b++) {
            if (qty[b] != 0) list.add(position(b));
        }
        return list;
    }
}
