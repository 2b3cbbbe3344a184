package io.tradeloop.core.order;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.instrument.Instrument;

/**
 * An instruction to a venue. The client order id is chosen by us and makes submission idempotent:
 * a venue that has seen the id must not fill the order twice.
 *
 * @param clientOrderId unique per account
 * @param instrument    what to trade
 * @param side          buy or sell
 * @param type          market or limit
 * @param qty           base-unit quantity, &gt; 0
 * @param limitPrice    the limit for LIMIT orders; NaN for MARKET
 * @param leverage      leverage for the position this order opens or increases (1 for spot)
 * @param book          the portfolio position book the fill goes to (see {@code Portfolio})
 * @param reduceOnly    true when the order may only shrink a position
 * @param createdMs     when the decision was made (epoch ms)
 */
public record Order(String clientOrderId, Instrument instrument, Side side, OrderType type, double qty,
                    double limitPrice, double leverage, int book, boolean reduceOnly, long createdMs) {
    public Order {
        Checks.notBlank("clientOrderId", clientOrderId);
        Checks.notNull("instrument", instrument);
        Checks.notNull("side", side);
        Checks.notNull("type", type);
        Checks.positive("qty", qty);
        if (type == OrderType.LIMIT) {
            Checks.positive("limitPrice", limitPrice);
        }
        Checks.inRange("leverage", leverage, 1, 125);
        if (book < 0) {
            throw new io.tradeloop.core.config.ConfigException("book", "value " + book + " must be >= 0");
        }
    }

    public static Order market(String clientOrderId, Instrument instrument, Side side, double qty, double leverage,
                               int book, long createdMs) {
        return new Order(clientOrderId, instrument, side, OrderType.MARKET, qty, Double.NaN, leverage, book, false, createdMs);
    }

    public static Order limit(String clientOrderId, Instrument instrument, Side side, double qty, double limitPrice,
                              double leverage, int book, long createdMs) {
        return new Order(clientOrderId, instrument, side, OrderType.LIMIT, qty, limitPrice, leverage, book, false, createdMs);
    }

    public double signedQty() {
        return side.sign() * qty;
    }
}
