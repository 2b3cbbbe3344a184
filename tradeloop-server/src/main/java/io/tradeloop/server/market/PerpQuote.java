package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;

/**
 * What an agent knows about one perpetual at one tick of a replay.
 *
 * @param instrument       the contract
 * @param priceUsd         the price at the tick (the opening price of the bar that starts at the tick, so known at it)
 * @param fundingRate      the rate settled at the tick, per funding interval; NaN when no settlement happened at this tick
 * @param volume24hUsd     traded value over the 24 hours that closed at or before the tick (NaN until 24 h of data exist)
 * @param stale            true when the venue had no row at this tick and the price is carried from an earlier tick
 */
public record PerpQuote(Instrument instrument, double priceUsd, double fundingRate, double volume24hUsd, boolean stale) {
    /** The settled rate scaled to 8 hours (NaN when none settled at this tick). */
    public double fundingRate8h() {
        return fundingRate * 8.0 / instrument.fundingIntervalHours();
    }

    public boolean settled() {
        return !Double.isNaN(fundingRate);
    }
}
