package io.tradeloop.features.indicator;

/** Base for indicators with several outputs that share state: names, values and warm-up per output. */
abstract class MultiOutput implements BarIndicator {
    private final String[] names;
    private final int[] warmupBars;
    /** The current values, one per output (NaN while warming up). */
    protected final double[] values;
    /** Bars folded in so far. */
    protected long bars;

    MultiOutput(String[] names, int[] warmupBars) {
        this.names = names;
        this.warmupBars = warmupBars;
        this.values = new double[names.length];
        java.util.Arrays.fill(values, Double.NaN);
    }

    @Override
    public final int outputs() {
        return names.length;
    }

    @Override
    public final String outputName(int output) {
        return names[output];
    }

    @Override
    public final double value(int output) {
        return values[output];
    }

    @Override
    public final boolean ready(int output) {
        return bars > warmupBars[output];
    }

    /** Index of the first bar at which output {@code k} is defined. */
    public final int warmupBars(int output) {
        return warmupBars[output];
    }

    @Override
    public void reset() {
        bars = 0;
        java.util.Arrays.fill(values, Double.NaN);
    }
}
