package io.tradeloop.bench;

/**
 * One measured figure.
 *
 * @param group  benchmark group
 * @param metric what was measured, e.g. {@code SMA crossover, 1M bars}
 * @param value  the figure (NaN when skipped)
 * @param unit   e.g. {@code bars/s}, {@code ms}, {@code x} for a ratio
 * @param target the target it is judged against, e.g. {@code >= 10M}; empty when none
 * @param note   how it was measured or why it was skipped
 */
public record BenchRow(String group, String metric, double value, String unit, String target, String note) {
    public static BenchRow skipped(String group, String metric, String why) {
        return new BenchRow(group, metric, Double.NaN, "", "", "skipped: " + why);
    }

    public boolean isSkipped() {
        return Double.isNaN(value);
    }
}
