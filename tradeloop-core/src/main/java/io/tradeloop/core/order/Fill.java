package io.tradeloop.core.order;

import io.tradeloop.core.instrument.Instrument;

/**
 * An execution reported by a venue (simulated, paper or live); the portfolio books it.
 *
 * @param clientOrderId the order it fills
 * @param instrument    what was traded
 * @param side          buy or sell
 * @param qty           base units filled, &gt; 0
 * @param price         execution price
 * @param feeUsd        fee charged, in USD (negative for a maker rebate)
 * @param liquidity     maker or taker
 * @param leverage      leverage of the position it opens or increases
 * @param book          the portfolio position book it belongs to
 * @param timeMs        execution time, epoch ms
 */
public record Fill(String clientOrderId, Instrument instrument, Side side, double qty, double price, double feeUsd,
                   Liquidity liquidity, double leverage, int book, long timeMs) {
    public double signedQty() {
        return side.sign() * qty;
    }

    public double notionalUsd() {
        return qty * price;
    }
}
