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
    final float[][] m;
    final float[][] v;

    ParameterTensor(String name, int rows, int cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        value = new float[rows][cols];
        grad = new float[rows][cols];
        m = new float[rows][cols];
        v = new float[rows][cols];
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
    }

    double gradSquaredSum() {
        double s = 0;
        for (float[] row : grad) {
            for (int c = 0; c < cols; c++) {
                s += (double) row[c] * row[c];
            }
        }
        return s;
    }

    /**
     * Adam with bias correction folded into the step size, as PyTorch does:
     * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
     */
    void adam(float beta1, float beta2, float stepSize, float sqrtBias2, float eps, float scale) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        for (int r = 0; r < rows; r++) {
            float[] p = value[r];
            float[] g = grad[r];
            float[] mr = m[r];
            float[] vr = v[r];
            for (int c = 0; c < cols; c++) {
                float gc = g[c] * scale;
                float mc = beta1 * mr[c] + oneMinusB1 * gc;
                float vc = beta2 * vr[c] + oneMinusB2 * gc * gc;
                mr[c] = mc;
                vr[c] = vc;
                p[c] -= stepSize * mc / ((float) Math.sqrt(vc) / sqrtBias2 + eps);
            }
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
