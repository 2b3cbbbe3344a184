package io.tradeloop.data.layout;

/** The file layouts tradeloop reads; {@link MarketDataFiles#detect} tells them apart from the first line. */
public enum DataLayout {
    /** {@code time,open,high,low,close,volume} with a header, time = bar open (the shared data's ohlcv/ files). */
    OHLCV_CSV("bars", "time,open,high,low,close,volume"),
    /** Binance's public data archive klines: 12 columns, no header (spot) or a header (futures), ms or µs times; plain or zipped. */
    BINANCE_KLINES("bars", "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore"),
    /** ta4j's JSON bars: {"name": "ETH/USD_PT5M@BinanceUS", "ohlc": [{"endTime", "openPrice", ...}]}. */
    OHLC_JSON("bars", "{\"name\": ..., \"ohlc\": [{\"endTime\", \"openPrice\", \"highPrice\", \"lowPrice\", \"closePrice\", \"volume\"}]}"),
    /** Trade prints {@code timestamp,price,amount} (ta4j's Bitstamp file). */
    TRADES_CSV("trades", "timestamp,price,amount"),
    /** Funding settlements of one venue and base, {@code time,exchange,base,funding_rate}. */
    VENUE_FUNDING_CSV("funding", "time,exchange,base,funding_rate"),
    /** 8-hour candles and funding of several contracts and venues. */
    CROSS_EXCHANGE_CSV("funding", "time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate");

    private final String kind;
    private final String columns;

    DataLayout(String kind, String columns) {
        this.kind = kind;
        this.columns = columns;
    }

    /** {@code bars}, {@code trades} or {@code funding}. */
    public String kind() {
        return kind;
    }

    /** The columns (or JSON shape) the layout has, for help texts and error messages. */
    public String columns() {
        return columns;
    }

    /** Parses a name case-insensitively, with {@code -} for {@code _} ({@code binance-klines}). */
    public static DataLayout parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (DataLayout l : values()) {
            if (l.name().equals(t)) return l;
        }
        throw new IllegalArgumentException("unknown layout '" + text + "'; allowed: " + java.util.Arrays.toString(values()));
    }
}
