package io.tradeloop.data.layout;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.data.funding.PerpMarket;
import io.tradeloop.data.trades.TradeSeries;

import java.util.List;

/** What one market-data file holds, by kind: bars, trade prints, one venue's funding, or a cross-exchange file. */
public sealed interface MarketData permits MarketData.Bars, MarketData.Trades, MarketData.Funding, MarketData.CrossExchange {
    /** The layout the data was read from. */
    DataLayout layout();

    /** Bars of one instrument and timeframe. */
    record Bars(DataLayout layout, BarSeries series) implements MarketData {
    }

    /** Trade prints of one instrument. */
    record Trades(DataLayout layout, TradeSeries series) implements MarketData {
    }

    /** Funding settlements of one perpetual on one venue. */
    record Funding(DataLayout layout, FundingSeries series) implements MarketData {
    }

    /** Candles and funding of several contracts on several venues. */
    record CrossExchange(DataLayout layout, List<PerpMarket> markets) implements MarketData {
        public CrossExchange {
            markets = List.copyOf(markets);
        }
    }
}
