package io.tradeloop.core.series;

import java.util.Arrays;

/**
 * Funding settlements of one perpetual on one venue, stored column by column.
 * Rates are per funding interval; {@link #rate8h(int)} normalises them to 8 hours.
 */
public final class FundingSeries {
    private final String venue;
    private final String base;
    private final double intervalHours;
    private final long[] timeMs;
    private final double[] rate;

    public FundingSeries(String venue, String base, double intervalHours, long[] timeMs, double[] rate) {
        if (timeMs.length != rate.length) {
            throw new IllegalArgumentException("time and rate columns differ in length: " + timeMs.length + " vs " + rate.length);
        }
        if (!(intervalHours > 0)) {
            throw new IllegalArgumentException("intervalHours must be > 0, got " + intervalHours);
        }
        for (int i = 1; i < timeMs.length; i++) {
            if (timeMs[i] <= timeMs[i - 1]) {
                throw new IllegalArgumentException(venue + " " + base + ": funding times must increase, row " + i
                        + " at " + timeMs[i] + " is not after " + timeMs[i - 1]);
            }
        }
        this.venue = venue;
        this.base = base;
        this.intervalHours = intervalHours;
        this.timeMs = timeMs;
        this.rate = rate;
    }

    public String venue() {
        return venue;
    }

    public String base() {
        return base;
    }

    public double intervalHours() {
        return intervalHours;
    }

    public int size() {
        return timeMs.length;
    }

    public long timeMs(int i) {
        return timeMs[i];
    }

    public double rate(int i) {
        return rate[i];
    }

    public double rate8h(int i) {
        return rate[i] * 8.0 / intervalHours;
    }

    public long[] times() {
        return timeMs;
    }

    public double[] rates() {
        return rate;
    }

    public FundingEvent event(int i) {
        return new FundingEvent(venue, base, timeMs[i], rate[i], intervalHours);
    }

    /** The index of the last settlement at or before {@code atMs}, or −1. */
    public int lastAtOrBefore(long atMs) {
        int idx = Arrays.binarySearch(timeMs, atMs);
        return idx >= 0 ? idx : -idx - 2;
    }

    /** Settlements with time in [fromMs, toMs). */
    public FundingSeries slice(long fromMs, long toMs) {
        int from = lastAtOrBefore(fromMs - 1) + 1;
        int to = lastAtOrBefore(toMs - 1) + 1;
        return new FundingSeries(venue, base, intervalHours, Arrays.copyOfRange(timeMs, from, to), Arrays.copyOfRange(rate, from, to));
    }

    @Override
    public String toString() {
        return "FundingSeries[" + venue + " " + base + ", every " + intervalHours + " h, " + timeMs.length + " settlements]";
    }
}
