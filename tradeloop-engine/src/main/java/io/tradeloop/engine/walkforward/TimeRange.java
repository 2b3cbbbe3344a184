package io.tradeloop.engine.walkforward;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.time.TimeFormat;

/**
 * A half-open span of time [fromMs, toMs), epoch ms UTC.
 *
 * @param fromMs first instant inside
 * @param toMs   first instant after
 */
public record TimeRange(long fromMs, long toMs) {
    public TimeRange {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("time range [" + TimeFormat.iso(fromMs) + ", " + TimeFormat.iso(toMs)
                    + ") is empty: the end must be after the start");
        }
    }

    /** The span of a bar series: first open to last close. */
    public static TimeRange of(BarSeries bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException(bars.name() + " has no bars: it spans no time");
        }
        return new TimeRange(bars.firstOpenTimeMs(), bars.lastCloseTimeMs());
    }

    public long lengthMs() {
        return toMs - fromMs;
    }

    public boolean contains(long timeMs) {
        return timeMs >= fromMs && timeMs < toMs;
    }

    public boolean overlaps(TimeRange other) {
        return fromMs < other.toMs && other.fromMs < toMs;
    }

    /**
     * The bars lying wholly inside this range (open ≥ from and close ≤ to), as an index range
     * [from, to) into {@code bars}; a bar straddling either end is left out so no bar's information
     * crosses a boundary.
     */
    public IndexRange barsWithin(BarSeries bars) {
        int from = bars.lowerBound(fromMs);
        int to = bars.lowerBound(toMs - bars.timeframe().millis() + 1);
        return new IndexRange(from, Math.max(from, to));
    }

    @Override
    public String toString() {
        return "[" + TimeFormat.iso(fromMs) + ", " + TimeFormat.iso(toMs) + ")";
    }

    /** Bars {@code from} (inclusive) to {@code to} (exclusive). */
    public record IndexRange(int from, int to) {
        public int size() {
            return to - from;
        }
    }
}
