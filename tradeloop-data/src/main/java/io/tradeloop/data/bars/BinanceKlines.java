package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;

/**
 * Binance klines: the OHLCV bars plus the archive's extra columns, each array aligned with the bars
 * (index {@code i} is bar {@code i}). The arrays are this value's own storage: read them, never write them.
 *
 * @param bars                bars (open time, OHLC, base-asset volume)
 * @param quoteVolume         traded value in the quote asset
 * @param trades              number of trades
 * @param takerBuyBaseVolume  base volume bought by takers (aggressive buys)
 * @param takerBuyQuoteVolume quote value bought by takers
 */
public record BinanceKlines(BarSeries bars, double[] quoteVolume, long[] trades, double[] takerBuyBaseVolume,
                            double[] takerBuyQuoteVolume) {
    public BinanceKlines {
        int n = bars.size();
        if (quoteVolume.length != n || trades.length != n || takerBuyBaseVolume.length != n || takerBuyQuoteVolume.length != n) {
            throw new IllegalArgumentException("kline columns must all have " + n + " entries, one per bar");
        }
    }
}
