package io.tradeloop.risk;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;

/**
 * One leg of a proposed trade.
 *
 * @param instrument what to trade
 * @param side       buy or sell
 * @param qty        base units, &gt; 0
 * @param price      expected execution price
 * @param leverage   leverage of the position the leg opens (1 for spot)
 * @param reducing   true when the leg only shrinks an existing position (exits are never blocked by entry limits)
 */
public record Leg(Instrument instrument, Side side, double qty, double price, double leverage, boolean reducing) {
    public double notionalUsd() {
        return qty * price;
    }

    public double marginUsd() {
        return notionalUsd() / leverage;
    }

    public Leg scaled(double factor) {
        return new Leg(instrument, side, qty * factor, price, leverage, reducing);
    }
}
