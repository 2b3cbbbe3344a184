package io.tradeloop.core.order;

/** Market orders take liquidity at once; limit orders rest until the price reaches their limit. */
public enum OrderType {
    MARKET, LIMIT
}
