package io.tradeloop.core.portfolio;

import io.tradeloop.core.instrument.Instrument;

/**
 * A read-only snapshot of one position book for reports, the API and tests.
 *
 * @param book             the book index in the portfolio
 * @param instrument       the contract
 * @param qty              signed base-unit quantity (&gt; 0 long, &lt; 0 short)
 * @param entryPrice       volume-weighted entry price
 * @param markPrice        latest mark
 * @param leverage         leverage of the position
 * @param marginUsd        initial margin locked
 * @param unrealisedPnlUsd qty × (mark − entry)
 * @param realisedPnlUsd   price P&amp;L realised so far in this book
 * @param fundingUsd       funding received so far (negative when paid)
 * @param feesUsd          fees paid so far
 * @param liquidationPrice liquidation price (NaN for spot or a flat book)
 */
public record PositionView(int book, Instrument instrument, double qty, double entryPrice, double markPrice,
                           double leverage, double marginUsd, double unrealisedPnlUsd, double realisedPnlUsd,
                           double fundingUsd, double feesUsd, double liquidationPrice) {
    public boolean isLong() {
        return qty > 0;
    }

    public double notionalUsd() {
        return Math.abs(qty) * markPrice;
    }
}
