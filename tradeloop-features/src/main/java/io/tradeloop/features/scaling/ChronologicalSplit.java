package io.tradeloop.features.scaling;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.features.set.FeatureMatrix;

/**
 * Splits a feature matrix in time: training rows from the first row with every feature past warm-up up
 * to the cut (less an embargo), hold-out rows from the cut on. The only way to get a {@link TrainWindow},
 * so a scaler cannot be fitted on hold-out rows by accident.
 *
 * @param train   rows [firstReady, cut - embargo)
 * @param holdOut rows [cut, rows)
 */
public record ChronologicalSplit(TrainWindow train, HoldOutWindow holdOut) {
    /** The fewest training rows a split accepts (a quartile of fewer values is noise). */
    public static final int MIN_TRAIN_ROWS = 20;

    /**
     * Splits at the first row whose bar closes at or after {@code holdOutFromMs}.
     *
     * @param embargoRows training rows dropped just before the cut (labels that look ahead would overlap
     *                    the hold-out otherwise); 0..100,000
     */
    public static ChronologicalSplit at(FeatureMatrix matrix, long holdOutFromMs, int embargoRows) {
        Checks.inRange("embargoRows", embargoRows, 0, 100_000);
        int cut = matrix.rowAtOrAfter(holdOutFromMs);
        return make(matrix, cut, embargoRows, "hold-out from " + TimeFormat.iso(holdOutFromMs));
    }

    /** Splits so the training part holds {@code trainFraction} of the rows after warm-up. */
    public static ChronologicalSplit fraction(FeatureMatrix matrix, double trainFraction, int embargoRows) {
        Checks.inRange("trainFraction", trainFraction, 0.01, 1.0);
        Checks.inRange("embargoRows", embargoRows, 0, 100_000);
        int first = matrix.firstReadyRow();
        int cut = first + (int) Math.floor((matrix.rows() - first) * trainFraction);
        return make(matrix, cut, embargoRows, "train fraction " + trainFraction);
    }

    /** Every ready row is training data (to fit a scaler for serving after the last evaluation). */
    public static TrainWindow all(FeatureMatrix matrix) {
        return fraction(matrix, 1.0, 0).train();
    }

    private static ChronologicalSplit make(FeatureMatrix matrix, int cut, int embargo, String how) {
        int first = matrix.firstReadyRow();
        int trainEnd = Math.max(first, cut - embargo);
        if (trainEnd - first < MIN_TRAIN_ROWS) {
            throw new IllegalArgumentException("split (" + how + ") of " + matrix.definition().id() + " leaves "
                    + (trainEnd - first) + " training rows (rows " + first + ".." + trainEnd + " of " + matrix.rows()
                    + "; every feature is past warm-up from row " + first + "); at least " + MIN_TRAIN_ROWS + " are needed");
        }
        return new ChronologicalSplit(new TrainWindow(matrix, first, trainEnd), new HoldOutWindow(matrix, cut, matrix.rows()));
    }
}
