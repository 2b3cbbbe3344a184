package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;

import java.util.List;

/**
 * A funding market-data source an agent steps through tick by tick (recorded data now; a live feed adapter can
 * implement the same contract). A frame at tick {@code k} holds only what is known at its time.
 */
public interface MarketReplay extends Replay {

    /** The perpetuals this replay quotes, in a fixed order. */
    List<Instrument> instruments();

    /** The instrument of {@code venue} and {@code base}, or null when this replay has none. */
    Instrument instrument(String venue, String base);

    /** What is known at tick {@code k}: one quote per instrument, in {@link #instruments()} order (null where nothing is known yet). */
    MarketFrame frame(int tick);

    /** The settled 8-hour funding rate of an instrument at tick {@code k} (NaN when none settled then). */
    double fundingRate8h(int instrumentIndex, int tick);

    /** The price of an instrument at tick {@code k} (NaN before its first row). */
    double price(int instrumentIndex, int tick);

    /** Traded value in USD over the 24 h closed by tick {@code k} (NaN while less than a day of data exists). */
    double volume24hUsd(int instrumentIndex, int tick);
}
