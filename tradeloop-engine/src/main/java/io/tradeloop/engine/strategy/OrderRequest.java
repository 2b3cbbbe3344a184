package io.tradeloop.engine.strategy;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.order.OrderType;
import io.tradeloop.core.order.Side;

/**
 * One leg a strategy asks for; the legs of one {@link StrategyContext#submit} call form one trade
 * proposal that the risk layer approves, scales or refuses as a whole.
 *
 * @param feed          the feed (instrument) to trade
 * @param side          buy or sell
 * @param type          market or limit
 * @param qty           base units, &gt; 0
 * @param limitPrice    the limit for LIMIT, NaN for MARKET
 * @param leverage      leverage of the position it opens (1 for spot)
 * @param reduceOnly    only shrinks the feed's position (clamped to it; an exit is never blocked by entry limits)
 * @param clientOrderId the idempotency key, or null to let the engine number it; a venue never fills an id twice
 */
public record OrderRequest(int feed, Side side, OrderType type, double qty, double limitPrice, double leverage,
                           boolean reduceOnly, String clientOrderId) {
    public OrderRequest {
        if (feed < 0) {
            throw new ConfigException("feed", "value " + feed + " must be >= 0");
        }
        Checks.notNull("side", side);
        Checks.notNull("type", type);
        Checks.positive("qty", qty);
        if (type == OrderType.LIMIT) {
            Checks.positive("limitPrice", limitPrice);
        }
        Checks.inRange("leverage", leverage, 1, 125);
    }

    public static OrderRequest market(int feed, Side side, double qty, double leverage) {
        return new OrderRequest(feed, side, OrderType.MARKET, qty, Double.NaN, leverage, false, null);
    }

    /** A market order that only reduces the feed's position. */
    public static OrderRequest close(int feed, Side side, double qty) {
        return new OrderRequest(feed, side, OrderType.MARKET, qty, Double.NaN, 1, true, null);
    }

    public static OrderRequest limit(int feed, Side side, double qty, double limitPrice, double leverage) {
        return new OrderRequest(feed, side, OrderType.LIMIT, qty, limitPrice, leverage, false, null);
    }

    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(feed, side, type, qty, limitPrice, leverage, reduceOnly, id);
    }
}
