package io.tradeloop.features.indicator;

/**
 * A technical indicator updated one closed bar at a time, in the spirit of ta4j's {@code Indicator}
 * but incremental: {@link #update} folds in the next bar in O(1) or O(window) without allocating, and
 * the values after that bar are read with {@link #value(int)}.
 *
 * <p>One indicator may expose several outputs that share state (MACD: line, signal, histogram); an
 * output is NaN while it is warming up, and {@link #ready(int)} tells a warm-up NaN from a bad value
 * (e.g. a division by a zero range) once the output is defined.
 */
public interface BarIndicator {
    /** Folds in the next bar (the bars must be fed in time order, each once). */
    void update(double open, double high, double low, double close, double volume);

    /** How many values this indicator exposes. */
    int outputs();

    /** The name of output {@code k} (e.g. {@code signal}), used in feature column names. */
    String outputName(int output);

    /** Output {@code k} after the last update: NaN while warming up. */
    double value(int output);

    /** Output 0 (the main value). */
    default double value() {
        return value(0);
    }

    /** True once output {@code k} has seen enough bars to be defined. */
    boolean ready(int output);

    /** Forgets every bar, as if newly built. */
    void reset();
}
