package io.tradeloop.learn.label;

/** Which barrier of a triple-barrier window was touched first. */
public enum Barrier {
    /** The upper (price rises) barrier. */
    UPPER,
    /** The lower (price falls) barrier. */
    LOWER,
    /** Neither horizontal barrier before the time limit: the vertical barrier. */
    VERTICAL,
    /**
     * Both horizontal barriers inside the same bar: the bar's range does not say which came first, so
     * the label is flat and a trade on it counts as stopped out (the conservative reading).
     */
    BOTH,
    /** Not enough future bars or no volatility estimate yet: no label. */
    NONE
}
