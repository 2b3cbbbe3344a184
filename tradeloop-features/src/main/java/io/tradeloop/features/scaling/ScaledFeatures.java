package io.tradeloop.features.scaling;

import java.util.List;

/**
 * Scaled feature columns of one window (struct of arrays), ready for a model, with how many values of
 * each column were clipped and how many were imputed with 0 (the training median).
 *
 * @param columns     output column names
 * @param closeTimeMs close time of each row's bar
 * @param values      one array per column
 * @param clipped     per column, values beyond +/- clipZ
 * @param imputed     per column, non-finite values replaced by 0
 */
public record ScaledFeatures(List<String> columns, long[] closeTimeMs, double[][] values, long[] clipped, long[] imputed) {
    public ScaledFeatures {
        columns = List.copyOf(columns);
    }

    public int rows() {
        return closeTimeMs.length;
    }

    /** Row {@code i} as a new array (for callers that want rows; the columns are the primary form). */
    public double[] row(int i) {
        double[] r = new double[values.length];
        for (int j = 0; j < values.length; j++) r[j] = values[j][i];
        return r;
    }
}
