package io.tradeloop.features.scaling;

import io.tradeloop.features.set.FeatureMatrix;

/** The rows a scaler (or any statistic the model relies on) may be fitted on: all before the split. */
public final class TrainWindow extends FeatureWindow {
    TrainWindow(FeatureMatrix matrix, int from, int to) {
        super(matrix, from, to);
    }
}
