package io.tradeloop.server.paper;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Liquidity;
import io.tradeloop.core.order.Side;

/**
 * The paper venue of the server's agents: market orders fill at once at the quoted price moved
 * {@code slippageBps} against the order (buy higher, sell lower), paying the instrument's taker fee on
 * the fill's notional. Interim until tradeloop-engine's SimulatedVenue (bar-range slippage, latency) lands.
 */
public final class PaperVenue {
    private final double slippageBps;

    public PaperVenue(double slippageBps) {
        this.slippageBps = Checks.inRange("slippage_bps", slippageBps, 0, 1000);
    }

    /** Fill price: price × (1 + sign × bps / 10,000). */
    public double fillPrice(Side side, double price) {
        return price * (1 + side.sign() * slippageBps / 10_000);
    }

    /** Executes a market order of {@code qty} at {@code price} (before slippage). */
    public Fill executeMarket(String clientOrderId, Instrument instrument, Side side, double qty, double price,
                              double leverage, int book, long timeMs) {
        double px = fillPrice(side, price);
        double fee = qty * px * instrument.takerFeeRate();
        return new Fill(clientOrderId, instrument, side, qty, px, fee, Liquidity.TAKER, leverage, book, timeMs);
    }
}
