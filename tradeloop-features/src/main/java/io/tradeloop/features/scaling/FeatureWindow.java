package io.tradeloop.features.scaling;

import io.tradeloop.features.set.FeatureMatrix;

/**
 * Rows [from, to) of a feature matrix, made only by {@link ChronologicalSplit}: a {@link TrainWindow} a
 * scaler may be fitted on, or a {@link HoldOutWindow} it may only be applied to.
 */
public sealed abstract class FeatureWindow permits TrainWindow, HoldOutWindow {
    private final FeatureMatrix matrix;
    private final int from;
    private final int to;

    FeatureWindow(FeatureMatrix matrix, int from, int to) {
        if (from < 0 || to > matrix.rows() || from > to) {
            throw new IndexOutOfBoundsException("window [" + from + ", " + to + ") of " + matrix.rows() + " rows");
        }
        this.matrix = matrix;
        this.from = from;
        this.to = to;
    }

    public FeatureMatrix matrix() {
        return matrix;
    }

    /** First row (inclusive). */
    public int from() {
        return from;
    }

    /** End row (exclusive). */
    public int to() {
        return to;
    }

    public int rows() {
        return to - from;
    }

    public long firstCloseTimeMs() {
        return rows() == 0 ? Long.MIN_VALUE : matrix.closeTimeMs(from);
    }

    public long lastCloseTimeMs() {
        return rows() == 0 ? Long.MIN_VALUE : matrix.closeTimeMs(to - 1);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[rows " + from + ".." + to + " of " + matrix.definition().id() + "]";
    }
}
