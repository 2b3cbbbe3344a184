package io.tradeloop.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Timing helpers shared by the benchmarks: warm up, then the median of measured rounds. */
public final class Measure {
    private Measure() {
    }

    /**
     * Runs {@code round} (which returns the number of work items it did, e.g. bars) warmup + rounds
     * times and returns the median throughput in items per second of the measured rounds.
     */
    public static double medianThroughput(BenchOptions options, LongSupplier round) {
        for (int i = 0; i < options.warmupRounds(); i++) {
            round.getAsLong();
        }
        double[] perSecond = new double[options.rounds()];
        for (int i = 0; i < options.rounds(); i++) {
            long t0 = System.nanoTime();
            long items = round.getAsLong();
            long dt = System.nanoTime() - t0;
            perSecond[i] = items / (dt / 1e9);
        }
        return median(perSecond);
    }

    /**
     * Throughput of a single-threaded round two ways: per CPU-second of the calling thread (what the work
     * costs, unaffected by other load on the machine; GC and JIT threads are not counted) and per
     * wall-clock second. Medians over the measured rounds.
     *
     * @param perCpuSecond  items per second of thread CPU time
     * @param perWallSecond items per second of wall time
     */
    public record Throughput(double perCpuSecond, double perWallSecond) {
    }

    /** Like {@link #medianThroughput} but also measuring the calling thread's CPU time. */
    public static Throughput medianThroughputCpu(BenchOptions options, LongSupplier round) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < options.warmupRounds(); i++) {
            round.getAsLong();
        }
        double[] cpu = new double[options.rounds()];
        double[] wall = new double[options.rounds()];
        for (int i = 0; i < options.rounds(); i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long items = round.getAsLong();
            long dt = System.nanoTime() - t0;
            long dc = threads.getCurrentThreadCpuTime() - c0;
            wall[i] = items / (dt / 1e9);
            cpu[i] = items / (Math.max(1, dc) / 1e9);
        }
        return new Throughput(median(cpu), median(wall));
    }

    /** Median seconds per call of {@code round} after warmup. */
    public static double medianSeconds(BenchOptions options, Runnable round) {
        for (int i = 0; i < options.warmupRounds(); i++) {
            round.run();
        }
        double[] s = new double[options.rounds()];
        for (int i = 0; i < options.rounds(); i++) {
            long t0 = System.nanoTime();
            round.run();
            s[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(s);
    }

    /** The system load average over the last minute (other jobs on the cores), NaN where the platform has none. */
    public static double loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    /** Seconds of CPU the calling thread has used. */
    public static double threadCpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The q-quantile (0..1) of sorted-or-not samples, nearest rank. */
    public static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        int idx = (int) Math.ceil(q * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, idx))];
    }
}
