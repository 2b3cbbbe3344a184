package io.tradeloop.server.paper;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;

/**
 * The account of a directional paper agent: cash and at most one position (long, flat or short) in one
 * instrument, held in book {@value #BOOK} of the same {@link Portfolio} accounting the backtester and
 * the funding agents use, filled by the {@link PaperVenue} (price moved by the slippage against the
 * order, the instrument's taker fee on the fill's notional). A round trip's net P&amp;L is
 * qty × (exit fill − entry fill) × side − entry fee − exit fee.
 */
public final class DirectionalPosition {
    /** The portfolio book the position lives in. */
    public static final int BOOK = 0;

    private final Portfolio portfolio;
    private final Instrument instrument;
    private PaperVenue venue;

    public DirectionalPosition(double initialCashUsd, Instrument instrument, double slippageBps) {
        this.portfolio = new Portfolio(initialCashUsd, 1);
        this.instrument = instrument;
        this.venue = new PaperVenue(slippageBps);
    }

    /** Fills from now on move {@code bps} against the order. */
    public void setSlippageBps(double bps) {
        this.venue = new PaperVenue(bps);
    }

    public Instrument instrument() {
        return instrument;
    }

    /** +1 long, −1 short, 0 flat. */
    public int side() {
        double q = portfolio.qty(BOOK);
        return q > 0 ? 1 : q < 0 ? -1 : 0;
    }

    /** Signed base units (&gt; 0 long). */
    public double qty() {
        return portfolio.qty(BOOK);
    }

    public void mark(double price) {
        if (portfolio.isOpen(BOOK)) {
            portfolio.mark(BOOK, price);
        }
    }

    /** Opens a position of {@code qty} base units on {@code side} at {@code price} (before slippage); the account must be flat. */
    public Fill open(String clientOrderId, Side side, double qty, double price, double leverage, long timeMs) {
        if (portfolio.isOpen(BOOK)) {
            throw new IllegalStateException("the directional account already holds " + qty() + " " + instrument.base() + "; close it first");
        }
        Fill f = venue.executeMarket(clientOrderId, instrument, side, qty, price, leverage, BOOK, timeMs);
        portfolio.apply(f);
        return f;
    }

    /** Closes the whole position at {@code price} (before slippage). */
    public Fill close(String clientOrderId, double price, long timeMs) {
        double q = portfolio.qty(BOOK);
        if (q == 0) {
            throw new IllegalStateException("the directional account holds no " + instrument.base() + " to close");
        }
        Fill f = venue.executeMarket(clientOrderId, instrument, q > 0 ? Side.SELL : Side.BUY, Math.abs(q), price, portfolio.leverage(BOOK),
                BOOK, timeMs);
        portfolio.apply(f);
        return f;
    }

    /** Books a journaled fill again (restart), exactly as it was filled. */
    public void replay(Side side, double qty, double price, double feeUsd, double leverage) {
        portfolio.fill(BOOK, instrument, side.sign() * qty, price, feeUsd, leverage);
    }

    /** Net P&amp;L of the current round trip so far: realised + unrealised price P&amp;L − fees (funding is not modelled on bars). */
    public double tradeNetUsd() {
        return portfolio.realisedPnlUsd(BOOK) + portfolio.unrealisedPnlUsd(BOOK) + portfolio.fundingUsd(BOOK) - portfolio.feesUsd(BOOK);
    }

    /** Starts the next round trip's tally (after a close). */
    public void resetTrade() {
        portfolio.resetBookHistory(BOOK);
    }

    public double equityUsd() {
        return portfolio.equityUsd();
    }

    public double cashUsd() {
        return portfolio.cashUsd();
    }

    /** The account (read-only use: the risk context, positions and tests). */
    public Portfolio portfolio() {
        return portfolio;
    }
}
