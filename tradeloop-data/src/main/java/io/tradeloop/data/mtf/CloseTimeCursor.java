package io.tradeloop.data.mtf;

import io.tradeloop.core.series.BarSeries;

/**
 * Walks one bar series along a clock and answers the newest bar whose close time is at or before the
 * clock: the only bar a decision at that time may use (DESIGN.md, principle 4). Moving forward costs
 * amortised O(1) (an index, no search); a jump back or far ahead falls back to a binary search. Allocates
 * nothing after construction.
 */
public final class CloseTimeCursor {
    private static final int SCAN_BEFORE_SEARCH = 8;

    private final BarSeries series;
    private final long[] openTimes;
    private final long tf;
    private final int n;
    /** Number of bars closed at the last time asked, i.e. the visible index + 1. */
    private int closed;

    public CloseTimeCursor(BarSeries series) {
        this.series = series;
        this.openTimes = series.openTimes();
        this.tf = series.timeframe().millis();
        this.n = series.size();
    }

    public BarSeries series() {
        return series;
    }

    /**
     * Moves to {@code timeMs} and returns the index of the newest bar with close time ≤ {@code timeMs}, or
     * −1 when none has closed yet.
     */
    public int advanceTo(long timeMs) {
        if (closed > 0 && openTimes[closed - 1] + tf > timeMs) {
            closed = series.lastClosedAt(timeMs) + 1; // the clock went back
            return closed - 1;
        }
        int steps = 0;
        while (closed < n && openTimes[closed] + tf <= timeMs) {
            closed++;
            if (++steps == SCAN_BEFORE_SEARCH && closed < n && openTimes[closed] + tf <= timeMs) {
                closed = series.lastClosedAt(timeMs) + 1; // a long jump ahead
                break;
            }
        }
        return closed - 1;
    }

    /** The index the last {@link #advanceTo} returned (−1 before any bar closed). */
    public int index() {
        return closed - 1;
    }

    /** Back to the start, before any bar closed. */
    public void reset() {
        closed = 0;
    }
}
