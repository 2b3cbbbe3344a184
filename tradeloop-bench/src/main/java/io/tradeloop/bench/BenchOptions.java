package io.tradeloop.bench;

/**
 * How hard to measure.
 *
 * @param quick        fewer repetitions and smaller inputs (a smoke run, e.g. in CI)
 * @param warmupRounds rounds run before measuring, so the JIT has compiled the hot paths
 * @param rounds       measured rounds; the table reports the median
 */
public record BenchOptions(boolean quick, int warmupRounds, int rounds) {
    public static BenchOptions full() {
        return new BenchOptions(false, 3, 5);
    }

    public static BenchOptions quickRun() {
        return new BenchOptions(true, 1, 2);
    }
}
