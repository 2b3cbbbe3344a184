package io.tradeloop.rl.nn;

import java.util.Arrays;

/**
 * One parameter tensor (or its optimiser moment) copied out of a network: a {@code rows x cols}
 * matrix stored row-major. Weights are laid out as {@code [in, out]} so a layer computes
 * {@code y = x W + b}; a bias is {@code 1 x out}.
 *
 * @param name unique within a network, e.g. {@code fusion.1.weight}
 * @param rows first dimension
 * @param cols second dimension
 * @param data {@code rows * cols} values, row-major
 */
public record NamedTensor(String name, int rows, int cols, float[] data) {
    public NamedTensor {
        if (rows <= 0 || cols <= 0 || data.length != rows * cols) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + rows + "x" + cols + " does not match "
                    + data.length + " values");
        }
    }

    /** Value at row r, column c. */
    public float get(int r, int c) {
        return data[r * cols + c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && t.name.equals(name) && t.rows == rows && t.cols == cols
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + " " + rows + "x" + cols + "]";
    }
}
