package io.tradeloop.features.indicator;

/** Base for indicators with one output: keeps the bar count and the current value. */
abstract class SingleOutput implements BarIndicator {
    /** Bars folded in so far. */
    protected long bars;
    /** The current value (NaN while warming up). */
    protected double value = Double.NaN;
    /** Bars needed before the value is defined. */
    private final int warmupBars;

    SingleOutput(int warmupBars) {
        this.warmupBars = warmupBars;
    }

    @Override
    public final int outputs() {
        return 1;
    }

    @Override
    public final String outputName(int output) {
        check(output);
        return "value";
    }

    @Override
    public final double value(int output) {
        check(output);
        return value;
    }

    @Override
    public final boolean ready(int output) {
        check(output);
        return bars > warmupBars;
    }

    /** Index of the bar that defines the first value (0-based): the value exists from bar warmupBars on. */
    public final int warmupBars() {
        return warmupBars;
    }

    @Override
    public void reset() {
        bars = 0;
        value = Double.NaN;
    }

    private static void check(int output) {
        if (output != 0) {
            throw new IndexOutOfBoundsException("output " + output + " of a single-output indicator");
        }
    }
}
