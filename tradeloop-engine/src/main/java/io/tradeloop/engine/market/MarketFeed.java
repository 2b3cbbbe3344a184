package io.tradeloop.engine.market;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;

/**
 * One tradable instrument with its price bars and, for a perpetual, its funding settlements: the unit
 * the backtester's event loop, the simulated venue and the strategies address by index.
 *
 * @param instrument what is traded (fees, lot size, kind)
 * @param bars       its price bars, in time order
 * @param funding    its funding settlements at the venue's own times (empty for spot)
 */
public record MarketFeed(Instrument instrument, BarSeries bars, FundingSeries funding) {
    public MarketFeed {
        if (instrument == null || bars == null) {
            throw new ConfigException("feed", "instrument and bars are required");
        }
        if (funding == null) {
            funding = noFunding(instrument);
        }
        if (!instrument.kind().isPerpetual() && funding.size() > 0) {
            throw new ConfigException("funding", "spot instrument " + instrument.id() + " cannot have funding settlements ("
                    + funding.size() + " given)");
        }
    }

    /** A spot (or funding-free) feed. */
    public static MarketFeed of(Instrument instrument, BarSeries bars) {
        return new MarketFeed(instrument, bars, noFunding(instrument));
    }

    public static FundingSeries noFunding(Instrument instrument) {
        double interval = instrument.fundingIntervalHours() > 0 ? instrument.fundingIntervalHours() : 8;
        return new FundingSeries(instrument.venue(), instrument.base(), interval, new long[0], new double[0]);
    }

    /** The bars and funding with times in [fromMs, toMs). */
    public MarketFeed slice(long fromMs, long toMs) {
        return new MarketFeed(instrument, bars.slice(fromMs, toMs), funding.slice(fromMs, toMs));
    }
}
