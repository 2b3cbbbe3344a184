package io.tradeloop.learn.label;

/**
 * Triple-barrier outcomes of every bar, column by column. Row i is the trade entered at bar i's close.
 *
 * <p>{@code endIndex[i]} is the last bar the label looked at (the touch bar, or the vertical barrier):
 * the label window is [i + 1, endIndex[i]], and purged cross-validation uses it to keep any training
 * row whose window overlaps the test rows out of training.
 *
 * @param side           +1: barriers read for a long (profit-take above), −1: for a short
 * @param label          +1 upper first, −1 lower first, 0 vertical or both; 0 also where {@code barrier} is NONE
 * @param barrier        which barrier was touched first
 * @param returnAtTouch  simple return of the underlying from entry to the touch price (NaN when NONE)
 * @param endIndex       the bar at which the label was decided (−1 when NONE)
 * @param targetReturn   τᵢ, the barrier width unit (NaN when NONE)
 */
public record BarrierLabels(int side, int[] label, Barrier[] barrier, double[] returnAtTouch, int[] endIndex,
                            double[] targetReturn) {
    public int size() {
        return label.length;
    }

    public boolean isLabelled(int i) {
        return barrier[i] != Barrier.NONE;
    }

    /** The number of labelled rows. */
    public int labelledCount() {
        int n = 0;
        for (Barrier b : barrier) {
            if (b != Barrier.NONE) n++;
        }
        return n;
    }

    /** The 3-class label as a class index: 0 down, 1 flat, 2 up (the classifiers' encoding). */
    public int classIndex(int i) {
        return label[i] + 1;
    }
}
