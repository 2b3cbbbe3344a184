package io.tradeloop.data.trades;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.Aggregation;
import io.tradeloop.data.bars.PartialBars;

/**
 * Aggregates trade prints into bars: open = first print's price, high/low = extreme prices, close = last
 * print's price, volume = summed amounts; bars aligned on multiples of the timeframe since the epoch
 * (UTC). A period without prints gets no bar (counted in {@link Aggregation#emptyPeriods()}, never
 * invented). The data's coverage decides which bars are partial: by default it runs from the first print
 * to just after the last, so the bar holding the last print is partial (the file may simply end there).
 */
public final class TradeAggregator {
    private TradeAggregator() {
    }

    /** Aggregates with coverage [first print, last print + 1 ms). */
    public static Aggregation aggregate(TradeSeries trades, Timeframe timeframe, PartialBars partial) {
        if (trades.isEmpty()) {
            return aggregate(trades, timeframe, 0, 0, partial);
        }
        return aggregate(trades, timeframe, trades.firstTimeMs(), trades.lastTimeMs() + 1, partial);
    }

    /**
     * Aggregates prints whose source covers [coverageFromMs, coverageToMs) (e.g. a daily file covers its
     * whole day even when the last print is at 23:59:58).
     */
    public static Aggregation aggregate(TradeSeries trades, Timeframe timeframe, long coverageFromMs, long coverageToMs, PartialBars partial) {
        int n = trades.size();
        BarSeries.Builder b = BarSeries.builder(trades.name(), timeframe, 1024);
        if (n == 0) {
            return new Aggregation(b.build(), coverageFromMs, coverageToMs, false, false, 0, 0, 0);
        }
        if (trades.firstTimeMs() < coverageFromMs || trades.lastTimeMs() >= coverageToMs) {
            throw new IllegalArgumentException(trades.name() + ": coverage [" + coverageFromMs + ", " + coverageToMs
                    + ") must hold every print (" + trades.firstTimeMs() + " .. " + trades.lastTimeMs() + ")");
        }
        long[] t = trades.times();
        double[] p = trades.prices();
        double[] a = trades.amounts();
        long step = timeframe.millis();
        boolean firstPartial = false;
        boolean lastPartial = false;
        int dropped = 0;
        long bucketsWithData = 0;
        int i = 0;
        while (i < n) {
            long bucket = timeframe.floor(t[i]);
            long end = bucket + step;
            double o = p[i];
            double h = o;
            double l = o;
            double c = o;
            double v = 0;
            while (i < n && t[i] < end) {
                double px = p[i];
                if (px > h) h = px;
                if (px < l) l = px;
                c = px;
                v += a[i];
                i++;
            }
            bucketsWithData++;
            boolean startsEarly = bucket < coverageFromMs;
            boolean endsLate = end > coverageToMs;
            if (startsEarly || endsLate) {
                if (partial == PartialBars.DROP) {
                    dropped++;
                    continue;
                }
                firstPartial |= startsEarly && b.size() == 0;
                lastPartial |= endsLate;
            }
            b.add(bucket, o, h, l, c, v);
        }
        long periods = (timeframe.floor(coverageToMs - 1) - timeframe.floor(coverageFromMs)) / step + 1;
        return new Aggregation(b.build(), coverageFromMs, coverageToMs, firstPartial, lastPartial, dropped, 0, periods - bucketsWithData);
    }
}
