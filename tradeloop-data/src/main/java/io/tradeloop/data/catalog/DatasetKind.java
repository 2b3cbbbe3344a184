package io.tradeloop.data.catalog;

/** What a catalog dataset holds. */
public enum DatasetKind {
    /** OHLCV bars of one timeframe. */
    BARS,
    /** Trade prints (the source of trade-derived bars). */
    TRADES
}
