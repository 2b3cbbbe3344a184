package io.tradeloop.core.series;

import java.util.Arrays;

/**
 * OHLCV bars of one instrument and timeframe stored column by column (struct of arrays), so hot
 * loops read {@code close[i]} without boxing or pointer chasing.
 *
 * <p>Bar {@code i} covers [{@code openTimeMs[i]}, {@code openTimeMs[i] + timeframe}); its values are
 * known only at its close time. The arrays returned by the accessors are the series' own storage:
 * read them, never write them.
 */
public final class BarSeries {
    private final String name;
    private final Timeframe timeframe;
    private final long[] openTimeMs;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int size;

    BarSeries(String name, Timeframe timeframe, long[] openTimeMs, double[] open, double[] high, double[] low,
              double[] close, double[] volume, int size) {
        this.name = name;
        this.timeframe = timeframe;
        this.openTimeMs = openTimeMs;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.size = size;
    }

    public static Builder builder(String name, Timeframe timeframe) {
        return new Builder(name, timeframe, 1024);
    }

    public static Builder builder(String name, Timeframe timeframe, int expectedSize) {
        return new Builder(name, timeframe, expectedSize);
    }

    public String name() {
        return name;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long openTimeMs(int i) {
        return openTimeMs[i];
    }

    /** The instant from which bar {@code i}'s values may be used. */
    public long closeTimeMs(int i) {
        return openTimeMs[i] + timeframe.millis();
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }

    /** The open-time column (length may exceed {@link #size()}; only the first size entries are bars). */
    public long[] openTimes() {
        return openTimeMs;
    }

    public double[] opens() {
        return open;
    }

    public double[] highs() {
        return high;
    }

    public double[] lows() {
        return low;
    }

    public double[] closes() {
        return close;
    }

    public double[] volumes() {
        return volume;
    }

    public long firstOpenTimeMs() {
        return size == 0 ? Long.MIN_VALUE : openTimeMs[0];
    }

    public long lastCloseTimeMs() {
        return size == 0 ? Long.MIN_VALUE : closeTimeMs(size - 1);
    }

    /** The bars with open time in [fromMs, toMs). */
    public BarSeries slice(long fromMs, long toMs) {
        int from = lowerBound(fromMs);
        int to = lowerBound(toMs);
        return sliceIndex(from, to);
    }

    /** Bars {@code from} (inclusive) to {@code to} (exclusive). */
    public BarSeries sliceIndex(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a series of " + size + " bars");
        }
        return new BarSeries(name, timeframe,
                Arrays.copyOfRange(openTimeMs, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to), to - from);
    }

    /** The first index whose open time is ≥ {@code timeMs} (size when none). */
    public int lowerBound(long timeMs) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (openTimeMs[mid] < timeMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * The index of the last bar whose close time is ≤ {@code timeMs}, or −1 when no bar has closed yet:
     * the newest bar a decision at {@code timeMs} may use.
     */
    public int lastClosedAt(long timeMs) {
        return lowerBound(timeMs - timeframe.millis() + 1) - 1;
    }

    public BarSeries withName(String newName) {
        return new BarSeries(newName, timeframe, openTimeMs, open, high, low, close, volume, size);
    }

    @Override
    public String toString() {
        return "BarSeries[" + name + ", " + timeframe + ", " + size + " bars]";
    }

    /** Appends bars in time order; growing arrays, no per-bar objects. */
    public static final class Builder {
        private final String name;
        private final Timeframe timeframe;
        private long[] t;
        private double[] o;
        private double[] h;
        private double[] l;
        private double[] c;
        private double[] v;
        private int n;

        Builder(String name, Timeframe timeframe, int capacity) {
            this.name = name;
            this.timeframe = timeframe;
            int cap = Math.max(16, capacity);
            t = new long[cap];
            o = new double[cap];
            h = new double[cap];
            l = new double[cap];
            c = new double[cap];
            v = new double[cap];
        }

        public Builder add(long openTimeMs, double open, double high, double low, double close, double volume) {
            if (n > 0 && openTimeMs <= t[n - 1]) {
                throw new IllegalArgumentException(name + ": bar at " + openTimeMs + " is not after the previous bar at " + t[n - 1]);
            }
            if (n == t.length) {
                int cap = n * 2;
                t = Arrays.copyOf(t, cap);
                o = Arrays.copyOf(o, cap);
                h = Arrays.copyOf(h, cap);
                l = Arrays.copyOf(l, cap);
                c = Arrays.copyOf(c, cap);
                v = Arrays.copyOf(v, cap);
            }
            t[n] = openTimeMs;
            o[n] = open;
            h[n] = high;
            l[n] = low;
            c[n] = close;
            v[n] = volume;
            n++;
            return this;
        }

        public int size() {
            return n;
        }

        public long lastOpenTimeMs() {
            return n == 0 ? Long.MIN_VALUE : t[n - 1];
        }

        public BarSeries build() {
            return new BarSeries(name, timeframe, Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n),
                    Arrays.copyOf(l, n), Arrays.copyOf(c, n), Arrays.copyOf(v, n), n);
        }
    }
}
