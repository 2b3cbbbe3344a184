package io.tradeloop.core.order;

/** Whether a fill added liquidity (maker fee) or took it (taker fee). */
public enum Liquidity {
    MAKER, TAKER
}
