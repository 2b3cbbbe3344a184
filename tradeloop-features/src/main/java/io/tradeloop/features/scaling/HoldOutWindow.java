package io.tradeloop.features.scaling;

import io.tradeloop.features.set.FeatureMatrix;

/** Rows after the split (validation or test): a fitted scaler may transform them, nothing may be fitted on them. */
public final class HoldOutWindow extends FeatureWindow {
    HoldOutWindow(FeatureMatrix matrix, int from, int to) {
        super(matrix, from, to);
    }
}
