package io.tradeloop.learn.dataset;

import java.util.List;

/**
 * A dense model-input (design) matrix in row-major order (row i occupies {@code values[i × cols … (i+1) × cols)}),
 * the layout XGBoost and the tree evaluator read without copying.
 *
 * @param values row-major float values; NaN marks a missing value
 * @param rows   number of rows
 * @param cols   number of columns
 * @param names  one name per column (the feature-set's names, recorded in model provenance)
 */
public record DesignMatrix(float[] values, int rows, int cols, List<String> names) {
    public DesignMatrix {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("a feature matrix needs rows >= 0 and cols > 0, got " + rows + " x " + cols);
        }
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("feature matrix of " + rows + " x " + cols + " needs " + (long) rows * cols
                    + " values, got " + values.length);
        }
        if (names.size() != cols) {
            throw new IllegalArgumentException("feature matrix has " + cols + " columns but " + names.size() + " names");
        }
        names = List.copyOf(names);
    }

    /** Offset of row {@code i} in {@link #values()}. */
    public int offset(int i) {
        return i * cols;
    }

    public float get(int row, int col) {
        return values[row * cols + col];
    }

    /** The rows {@code idx}, in that order, as a new matrix. */
    public DesignMatrix select(int[] idx) {
        float[] out = new float[idx.length * cols];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(values, idx[k] * cols, out, k * cols, cols);
        }
        return new DesignMatrix(out, idx.length, cols, names);
    }

    /** Row {@code i} copied out (tests and tools; the hot path reads {@link #values()} at {@link #offset(int)}). */
    public float[] row(int i) {
        float[] r = new float[cols];
        System.arraycopy(values, i * cols, r, 0, cols);
        return r;
    }

    /** Builds a matrix from double rows (converted to float). */
    public static DesignMatrix ofRows(double[][] rows, List<String> names) {
        int cols = names.size();
        float[] v = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + cols);
            }
            for (int j = 0; j < cols; j++) v[i * cols + j] = (float) rows[i][j];
        }
        return new DesignMatrix(v, rows.length, cols, names);
    }

    /** Column names f0 … f{n−1}. */
    public static List<String> defaultNames(int cols) {
        return java.util.stream.IntStream.range(0, cols).mapToObj(i -> "f" + i).toList();
    }
}
