package io.tradeloop.engine.walkforward;

/**
 * One walk-forward fold: fit on {@code train}, evaluate on {@code test}, which starts at least the
 * embargo after the training range ends.
 *
 * @param index 0-based fold number, in time order
 * @param train the training range
 * @param test  the test range, entirely after {@code train}
 */
public record Split(int index, TimeRange train, TimeRange test) {
    public Split {
        if (test.fromMs() < train.toMs()) {
            throw new IllegalArgumentException("fold " + index + ": test " + test + " starts before train " + train + " ends");
        }
    }

    /** Time between the end of training and the start of the test. */
    public long gapMs() {
        return test.fromMs() - train.toMs();
    }
}
