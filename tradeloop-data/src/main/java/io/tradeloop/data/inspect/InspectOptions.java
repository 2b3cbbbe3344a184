package io.tradeloop.data.inspect;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.layout.DataLayout;

/**
 * How to inspect a file.
 *
 * @param layout        the file's layout, or null to detect it
 * @param timeframe     bars: the interval (null: the file's stated or most common spacing); trades: the bar
 *                      period whose empty periods count as gaps (null: 5m)
 * @param largestGaps   how many of the longest gaps (and most extreme funding rates) to list, 1..1000 (default 10)
 * @param samples       how many individual problem rows to list, 0..10000 (default 20)
 * @param extremeRate8h a funding rate whose size, normalised to 8 hours, exceeds this is reported as
 *                      extreme, 0..0.1 (default 0.001 = 0.1% per 8 h, about 110% a year)
 */
public record InspectOptions(DataLayout layout, Timeframe timeframe, int largestGaps, int samples, double extremeRate8h) {
    public InspectOptions {
        Checks.inRange("largestGaps", largestGaps, 1, 1000);
        Checks.inRange("samples", samples, 0, 10_000);
        Checks.inRange("extremeRate8h", extremeRate8h, 0.0, 0.1);
    }

    public static InspectOptions defaults() {
        return new InspectOptions(null, null, 10, 20, 0.001);
    }

    public InspectOptions withLayout(DataLayout l) {
        return new InspectOptions(l, timeframe, largestGaps, samples, extremeRate8h);
    }

    public InspectOptions withTimeframe(Timeframe t) {
        return new InspectOptions(layout, t, largestGaps, samples, extremeRate8h);
    }
}
