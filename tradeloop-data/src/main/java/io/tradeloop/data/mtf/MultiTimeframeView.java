package io.tradeloop.data.mtf;

import io.tradeloop.core.series.BarSeries;

import java.util.Arrays;

/**
 * Several bar series of one instrument (a base timeframe such as 5m and coarser ones such as 15m, 1h, 4h)
 * seen together at one decision time, aligned on close times: at a time {@code t}, level {@code k} shows
 * its newest bar whose close time is ≤ {@code t}, so a 4h bar is visible to 5m logic only once that 4h bar
 * has closed. Level 0 is the base series. Stepping ({@link #moveTo}, {@link #moveToTime}) moves index
 * cursors and allocates nothing; {@link #alignment} gives the same answer precomputed for batch work.
 *
 * <p>Not thread-safe: one view per thread (views are cheap; the series are shared).
 */
public final class MultiTimeframeView {
    private final BarSeries[] levels;
    private final CloseTimeCursor[] cursors;
    private final int[] index;
    private long timeMs = Long.MIN_VALUE;

    private MultiTimeframeView(BarSeries[] levels) {
        this.levels = levels;
        this.cursors = new CloseTimeCursor[levels.length];
        for (int k = 0; k < levels.length; k++) {
            cursors[k] = new CloseTimeCursor(levels[k]);
        }
        this.index = new int[levels.length];
        Arrays.fill(index, -1);
    }

    /** A view over {@code base} (level 0) and {@code higher} (levels 1..). */
    public static MultiTimeframeView of(BarSeries base, BarSeries... higher) {
        BarSeries[] all = new BarSeries[higher.length + 1];
        all[0] = base;
        System.arraycopy(higher, 0, all, 1, higher.length);
        for (BarSeries s : all) {
            if (s == null) {
                throw new IllegalArgumentException("every level of a multi-timeframe view needs a series; got null");
            }
        }
        return new MultiTimeframeView(all);
    }

    public int levels() {
        return levels.length;
    }

    public BarSeries series(int level) {
        return levels[level];
    }

    /** Moves to the close time of base bar {@code baseIndex}, the moment logic on that bar runs. */
    public void moveTo(int baseIndex) {
        moveToTime(levels[0].closeTimeMs(baseIndex));
    }

    /** Moves to an arbitrary time (forward is amortised O(1) per level; backward searches). */
    public void moveToTime(long t) {
        timeMs = t;
        for (int k = 0; k < cursors.length; k++) {
            index[k] = cursors[k].advanceTo(t);
        }
    }

    /** The time the view was last moved to. */
    public long timeMs() {
        return timeMs;
    }

    /** The index of the newest closed bar of {@code level}, or −1 when none has closed. */
    public int index(int level) {
        return index[level];
    }

    public boolean visible(int level) {
        return index[level] >= 0;
    }

    /** The visible bar's close, or NaN when none has closed yet. */
    public double close(int level) {
        int i = index[level];
        return i < 0 ? Double.NaN : levels[level].close(i);
    }

    public double open(int level) {
        int i = index[level];
        return i < 0 ? Double.NaN : levels[level].open(i);
    }

    public double high(int level) {
        int i = index[level];
        return i < 0 ? Double.NaN : levels[level].high(i);
    }

    public double low(int level) {
        int i = index[level];
        return i < 0 ? Double.NaN : levels[level].low(i);
    }

    public double volume(int level) {
        int i = index[level];
        return i < 0 ? Double.NaN : levels[level].volume(i);
    }

    /** The visible bar's close time, or {@code Long.MIN_VALUE} when none has closed. */
    public long closeTimeMs(int level) {
        int i = index[level];
        return i < 0 ? Long.MIN_VALUE : levels[level].closeTimeMs(i);
    }

    /** Back to before the first bar. */
    public void reset() {
        timeMs = Long.MIN_VALUE;
        Arrays.fill(index, -1);
        for (CloseTimeCursor c : cursors) c.reset();
    }

    /**
     * For every bar {@code i} of {@code base}, the index in {@code higher} of the newest bar closed by
     * base bar {@code i}'s close time (−1 when none): the batch form of the view, one merge pass.
     */
    public static int[] alignment(BarSeries base, BarSeries higher) {
        int n = base.size();
        int[] out = new int[n];
        CloseTimeCursor c = new CloseTimeCursor(higher);
        for (int i = 0; i < n; i++) {
            out[i] = c.advanceTo(base.closeTimeMs(i));
        }
        return out;
    }

    /** {@link #alignment} for level {@code level} of this view (level 0 maps each base bar to itself). */
    public int[] alignment(int level) {
        return alignment(levels[0], levels[level]);
    }
}
