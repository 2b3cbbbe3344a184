package io.tradeloop.learn.model;

/** A trained classifier over one feature row: class probabilities, written into a caller's buffer. */
public interface ProbabilisticClassifier {
    int numClasses();

    /** Number of features a row must have. */
    int numFeatures();

    /**
     * Writes P(class k) for k in [0, numClasses) into {@code out} (length ≥ max(2, numClasses)) for the
     * row at {@code x[offset … offset + numFeatures)}. Allocates nothing.
     */
    void predictProba(float[] x, int offset, double[] out);
}
