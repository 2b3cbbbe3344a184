package io.tradeloop.core.instrument;

import io.tradeloop.core.config.Checks;

/**
 * A tradable contract on one venue: what it is, how finely it trades, what it costs and how often
 * it pays funding.
 *
 * @param symbol              the venue's symbol, e.g. {@code BTCUSDT}
 * @param venue               the venue (exchange) name in lower case, e.g. {@code binance}
 * @param kind                spot, linear or inverse perpetual
 * @param base                base asset, e.g. {@code BTC}
 * @param quote               quote asset, e.g. {@code USDT}
 * @param tickSize            price increment (&gt; 0)
 * @param lotSize             quantity increment in base units (&gt; 0)
 * @param makerFeeRate        fee as a fraction of notional for resting orders, e.g. 0.0002
 * @param takerFeeRate        fee as a fraction of notional for aggressing orders, e.g. 0.0005
 * @param fundingIntervalHours hours between funding settlements; 0 for spot
 */
public record Instrument(String symbol, String venue, InstrumentKind kind, String base, String quote,
                         double tickSize, double lotSize, double makerFeeRate, double takerFeeRate,
                         double fundingIntervalHours) {

    public Instrument {
        Checks.notBlank("symbol", symbol);
        Checks.notBlank("venue", venue);
        Checks.notNull("kind", kind);
        Checks.notBlank("base", base);
        Checks.notBlank("quote", quote);
        Checks.positive("tickSize", tickSize);
        Checks.positive("lotSize", lotSize);
        Checks.inRange("makerFeeRate", makerFeeRate, -0.01, 0.01);
        Checks.inRange("takerFeeRate", takerFeeRate, -0.01, 0.01);
        if (kind.isPerpetual()) {
            Checks.inRange("fundingIntervalHours", fundingIntervalHours, 1.0 / 60, 24 * 7);
        } else if (fundingIntervalHours != 0) {
            throw new io.tradeloop.core.config.ConfigException("fundingIntervalHours",
                    "value " + fundingIntervalHours + " must be 0 for spot instrument " + symbol);
        }
    }

    /** A linear USDT perpetual with taker fee 0.05%, maker 0.02% and 8-hour funding, the common venue default. */
    public static Instrument linearPerp(String venue, String base) {
        return new Instrument(base + "USDT", venue, InstrumentKind.LINEAR_PERPETUAL, base, "USDT",
                0.01, 0.0001, 0.0002, 0.0005, 8);
    }

    /** A spot pair with 0.1% fees on both sides. */
    public static Instrument spot(String venue, String base, String quote) {
        return new Instrument(base + "/" + quote, venue, InstrumentKind.SPOT, base, quote,
                0.01, 0.00000001, 0.001, 0.001, 0);
    }

    public Instrument withFees(double makerFee, double takerFee) {
        return new Instrument(symbol, venue, kind, base, quote, tickSize, lotSize, makerFee, takerFee, fundingIntervalHours);
    }

    public Instrument withFundingIntervalHours(double hours) {
        return new Instrument(symbol, venue, kind, base, quote, tickSize, lotSize, makerFeeRate, takerFeeRate, hours);
    }

    /** Rounds a price to the nearest tick. */
    public double roundPrice(double price) {
        return Math.round(price / tickSize) * tickSize;
    }

    /** Rounds a quantity down to a whole number of lots, so an order never exceeds what was asked. */
    public double roundQtyDown(double qty) {
        return Math.floor(qty / lotSize + 1e-9) * lotSize;
    }

    /** A stable identifier: {@code venue:symbol}. */
    public String id() {
        return venue + ":" + symbol;
    }
}
