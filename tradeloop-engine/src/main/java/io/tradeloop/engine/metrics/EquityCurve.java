package io.tradeloop.engine.metrics;

import java.util.Arrays;

/**
 * Equity and gross exposure sampled at every event time of a run, stored column by column so the
 * event loop appends without allocating. A run's first point is the initial capital at the start.
 * Reusable: {@link #reset()} keeps the storage for the next run.
 */
public final class EquityCurve {
    private long[] timeMs;
    private double[] equityUsd;
    private double[] grossExposureUsd;
    private int size;

    public EquityCurve(int capacity) {
        int c = Math.max(16, capacity);
        timeMs = new long[c];
        equityUsd = new double[c];
        grossExposureUsd = new double[c];
    }

    /** A curve holding exactly these points (tests and reports). */
    public static EquityCurve of(long[] timeMs, double[] equityUsd, double[] grossExposureUsd) {
        if (timeMs.length != equityUsd.length || timeMs.length != grossExposureUsd.length) {
            throw new IllegalArgumentException("columns differ in length: " + timeMs.length + ", " + equityUsd.length
                    + ", " + grossExposureUsd.length);
        }
        EquityCurve c = new EquityCurve(timeMs.length);
        for (int i = 0; i < timeMs.length; i++) {
            c.append(timeMs[i], equityUsd[i], grossExposureUsd[i]);
        }
        return c;
    }

    public void reset() {
        size = 0;
    }

    /** Grows the storage to at least {@code capacity} points (never shrinks). */
    public void ensureCapacity(int capacity) {
        if (capacity > timeMs.length) {
            timeMs = Arrays.copyOf(timeMs, capacity);
            equityUsd = Arrays.copyOf(equityUsd, capacity);
            grossExposureUsd = Arrays.copyOf(grossExposureUsd, capacity);
        }
    }

    public void append(long t, double equity, double grossExposure) {
        if (size == timeMs.length) {
            ensureCapacity(size * 2);
        }
        timeMs[size] = t;
        equityUsd[size] = equity;
        grossExposureUsd[size] = grossExposure;
        size++;
    }

    public int size() {
        return size;
    }

    public long timeMs(int i) {
        return timeMs[i];
    }

    public double equityUsd(int i) {
        return equityUsd[i];
    }

    /** Σ |qty × mark| over open positions at point {@code i}. */
    public double grossExposureUsd(int i) {
        return grossExposureUsd[i];
    }

    /** The equity storage itself (only the first {@link #size()} entries are points): for in-place computation. */
    double[] equityColumn() {
        return equityUsd;
    }

    long[] timeColumn() {
        return timeMs;
    }

    /** A copy of the equity column (length {@link #size()}). */
    public double[] equity() {
        return Arrays.copyOf(equityUsd, size);
    }

    public long[] times() {
        return Arrays.copyOf(timeMs, size);
    }

    public double[] grossExposure() {
        return Arrays.copyOf(grossExposureUsd, size);
    }
}
