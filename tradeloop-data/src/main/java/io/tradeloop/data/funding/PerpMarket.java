package io.tradeloop.data.funding;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;

/**
 * One contract's history from the cross-exchange file: its price bars and, for perpetuals, its funding.
 *
 * @param venue   exchange, lower case
 * @param base    base asset
 * @param pair    the venue's pair name, e.g. {@code BTCUSDT}
 * @param kind    spot, linear or inverse perpetual
 * @param bars    price bars (8-hour candles starting at each funding time)
 * @param funding funding settlements (empty for spot)
 */
public record PerpMarket(String venue, String base, String pair, InstrumentKind kind, BarSeries bars, FundingSeries funding) {
    public String key() {
        return venue + ":" + pair;
    }
}
