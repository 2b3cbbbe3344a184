package io.tradeloop.server.market;

/**
 * A funding-carry opportunity at one tick: hold {@code base} long on {@code longVenue} (the lower 8-hour
 * funding rate) and short on {@code shortVenue} (the higher), earning the difference each settlement.
 *
 * @param base          base asset, e.g. BTC
 * @param longVenue     venue of the long leg
 * @param shortVenue    venue of the short leg
 * @param longRate8h    the long leg's settled rate scaled to 8 h (fraction)
 * @param shortRate8h   the short leg's settled rate scaled to 8 h (fraction)
 * @param profit8hPct   (shortRate8h − longRate8h) × 100: percent of notional earned per 8 h
 * @param aprPct        profit8hPct × 3 × 365
 * @param apr24hPct     the mean APR of this pair, same direction, over settlements in the last 24 h (tick included)
 * @param apr3dPct      the same over the last 72 h
 * @param spreadPct     |long price − short price| / mean price × 100
 * @param volume24hUsd  24 h traded value of the thinner leg (NaN when less than a day of data)
 * @param score         the ranking score: apr24hPct × quality, quality = 1 above 1M USD volume, else 0.5 (plan §4.3)
 * @param symbol        the contract symbol on both venues, e.g. BTCUSDT
 * @param longPrice     the long leg's price at the tick
 * @param shortPrice    the short leg's price at the tick
 */
public record CarryOpportunity(String base, String longVenue, String shortVenue, double longRate8h, double shortRate8h,
                               double profit8hPct, double aprPct, double apr24hPct, double apr3dPct, double spreadPct,
                               double volume24hUsd, double score, String symbol, double longPrice, double shortPrice) {
    /** A stable key of the pair and its direction, e.g. {@code BTC:okx>binance} (long okx, short binance). */
    public String key() {
        return base + ":" + longVenue + ">" + shortVenue;
    }

    /** A short human label, e.g. {@code BTC long okx / short binance}. */
    public String label() {
        return base + " long " + longVenue + " / short " + shortVenue;
    }
}
