package io.tradeloop.data.trades;

import java.util.Arrays;

/**
 * Trade prints of one instrument in time order (equal times allowed, in the order the venue printed them),
 * stored column by column. The arrays returned by the accessors are the series' own storage: read them,
 * never write them.
 */
public final class TradeSeries {
    private final String name;
    private final long[] timeMs;
    private final double[] price;
    private final double[] amount;
    private final int size;

    private TradeSeries(String name, long[] timeMs, double[] price, double[] amount, int size) {
        this.name = name;
        this.timeMs = timeMs;
        this.price = price;
        this.amount = amount;
        this.size = size;
    }

    public static Builder builder(String name, int expectedSize) {
        return new Builder(name, expectedSize);
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long timeMs(int i) {
        return timeMs[i];
    }

    public double price(int i) {
        return price[i];
    }

    /** Traded quantity in the base asset. */
    public double amount(int i) {
        return amount[i];
    }

    public long[] times() {
        return timeMs;
    }

    public double[] prices() {
        return price;
    }

    public double[] amounts() {
        return amount;
    }

    public long firstTimeMs() {
        return size == 0 ? Long.MIN_VALUE : timeMs[0];
    }

    public long lastTimeMs() {
        return size == 0 ? Long.MIN_VALUE : timeMs[size - 1];
    }

    public TradeSeries withName(String newName) {
        return new TradeSeries(newName, timeMs, price, amount, size);
    }

    @Override
    public String toString() {
        return "TradeSeries[" + name + ", " + size + " trades]";
    }

    /** Appends trades in time order; growing arrays, no per-trade objects. */
    public static final class Builder {
        private final String name;
        private long[] t;
        private double[] p;
        private double[] a;
        private int n;

        Builder(String name, int capacity) {
            this.name = name;
            int cap = Math.max(16, capacity);
            t = new long[cap];
            p = new double[cap];
            a = new double[cap];
        }

        public Builder add(long timeMs, double price, double amount) {
            if (n > 0 && timeMs < t[n - 1]) {
                throw new IllegalArgumentException(name + ": trade at " + timeMs + " is before the previous trade at " + t[n - 1]);
            }
            if (n == t.length) {
                int cap = n * 2;
                t = Arrays.copyOf(t, cap);
                p = Arrays.copyOf(p, cap);
                a = Arrays.copyOf(a, cap);
            }
            t[n] = timeMs;
            p[n] = price;
            a[n] = amount;
            n++;
            return this;
        }

        public int size() {
            return n;
        }

        public TradeSeries build() {
            return new TradeSeries(name, Arrays.copyOf(t, n), Arrays.copyOf(p, n), Arrays.copyOf(a, n), n);
        }
    }
}
