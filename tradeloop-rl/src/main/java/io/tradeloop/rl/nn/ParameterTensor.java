package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

/**
 * A trainable matrix with its gradient and Adam moments, each row its own array so the inner loops
 * over a row vectorise.
 */
final class ParameterTensor {
    final String name;
    final int rows;
    final int cols;
    final float[][] value;
    final float[][] grad;
    /** Gradient of the second worker thread, allocated on first use and added into {@link #grad}. */
    private float[][] grad1;
    final float[][] m;
    final float[][] v;

    /**
     * Row length rounded up to 16 floats (one 512-bit register) so that a SIMD load of the last, partial
     * block stays inside the array and the Vector API takes its fast path; the padding is never read into a result.
     */
    static int pad(int n) {
        return (n + 15) & ~15;
    }

    ParameterTensor(String name, int rows, int cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        value = new float[rows][pad(cols)];
        grad = new float[rows][pad(cols)];
        m = new float[rows][pad(cols)];
        v = new float[rows][pad(cols)];
    }

    /** Fills with U(-bound, bound). */
    void uniform(Rng rng, double bound) {
        for (float[] row : value) {
            for (int c = 0; c < cols; c++) {
                row[c] = (float) rng.uniform(-bound, bound);
            }
        }
    }

    void fill(float x) {
        for (float[] row : value) {
            java.util.Arrays.fill(row, x);
        }
    }

    void zeroGrad() {
        for (float[] row : grad) {
            java.util.Arrays.fill(row, 0f);
        }
        if (grad1 != null) {
            for (float[] row : grad1) {
                java.util.Arrays.fill(row, 0f);
            }
        }
    }

    /** Zeroes the gradient buffer of one worker. */
    void zeroGrad(int worker) {
        for (float[] row : grad(worker)) {
            java.util.Arrays.fill(row, 0f);
        }
    }

    /** The gradient buffer of worker 0 (the caller's thread) or 1. */
    float[][] grad(int worker) {
        if (worker == 0) {
            return grad;
        }
        if (grad1 == null) {
            grad1 = new float[rows][pad(cols)];
        }
        return grad1;
    }

    /** grad += grad of worker 1 (a fixed order, so results are deterministic). */
    void reduceWorkers() {
        if (grad1 == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            float[] g = grad[r];
            float[] g1 = grad1[r];
            for (int c = 0; c < cols; c++) {
                g[c] += g1[c];
            }
        }
    }

    double gradSquaredSum(Kernels k) {
        return k.sumSquares(grad, cols);
    }

    /**
     * Adam with bias correction folded into the step size, as PyTorch does:
     * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
     */
    void adam(Kernels k, float beta1, float beta2, float stepSize, float sqrtBias2, float eps, float scale) {
        for (int r = 0; r < rows; r++) {
            k.adam(value[r], grad[r], m[r], v[r], cols, beta1, beta2, stepSize, sqrtBias2, eps, scale);
        }
    }

    NamedTensor export(float[][] source) {
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(source[r], 0, flat, r * cols, cols);
        }
        return new NamedTensor(name, rows, cols, flat);
    }

    void importInto(NamedTensor t, float[][] target) {
        if (!t.name().equals(name) || t.rows() != rows || t.cols() != cols) {
            throw new IllegalArgumentException("tensor mismatch: expected " + name + " " + rows + "x" + cols + ", got "
                    + t.name() + " " + t.rows() + "x" + t.cols());
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t.data(), r * cols, target[r], 0, cols);
        }
    }
}
