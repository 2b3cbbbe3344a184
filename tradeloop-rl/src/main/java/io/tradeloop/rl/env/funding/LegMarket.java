package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.instrument.InstrumentKind;

/**
 * One perpetual on one venue that an arbitrage leg can trade, and where its numbers come from.
 *
 * @param asset                 base asset, e.g. BTC
 * @param venue                 exchange, lower case
 * @param kind                  linear or inverse perpetual
 * @param fundingIntervalHours  hours between its funding settlements (8; 1 on dYdX)
 * @param pricesObserved        true when its prices come from data, false when from the documented basis model
 * @param volumeObserved        true when its volume comes from data, false when from the liquidity model
 */
public record LegMarket(String asset, String venue, InstrumentKind kind, double fundingIntervalHours,
                        boolean pricesObserved, boolean volumeObserved) {
    public LegMarket {
        Checks.notBlank("asset", asset);
        Checks.notBlank("venue", venue);
        Checks.notNull("kind", kind);
        if (!kind.isPerpetual()) {
            throw new IllegalArgumentException("an arbitrage leg must be a perpetual, got " + kind + " for " + venue + " " + asset);
        }
        Checks.inRange("funding_interval_hours", fundingIntervalHours, 1.0 / 60, 24);
    }

    /** {@code venue:ASSETUSDT} for linear, {@code venue:ASSETUSD-inverse} for coin-margined perpetuals. */
    public String name() {
        return venue + ":" + symbol();
    }

    public String symbol() {
        return kind == InstrumentKind.INVERSE_PERPETUAL ? asset + "USD-inverse" : asset + "USDT";
    }

    /** The contract the portfolio books, charging {@code feeRatePerSide} as maker and taker fee. */
    public Instrument instrument(double feeRatePerSide) {
        return new Instrument(symbol(), venue, kind, asset, kind == InstrumentKind.INVERSE_PERPETUAL ? "USD" : "USDT",
                1e-8, 1e-12, feeRatePerSide, feeRatePerSide, fundingIntervalHours);
    }
}
