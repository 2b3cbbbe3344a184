package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

/**
 * A fully connected layer {@code y = x W + b} with {@code W} stored {@code [in][out]} (every loop over
 * outputs is a vectorisable axpy) and a transposed mirror {@code [out][in]} for the input gradient,
 * refreshed after each weight change by {@link #syncMirror()}.
 */
final class Dense {
    final int in;
    final int out;
    final ParameterTensor w;
    final ParameterTensor b;
    /** Transposed mirror of the weights, {@code [out][in]}, for input gradients (null for a layer that takes none). */
    final float[][] wOut;

    /** A layer; {@code inputGradient} keeps the transposed mirror that {@link #backwardInput} needs. */
    Dense(String name, int in, int out, boolean inputGradient) {
        this.in = in;
        this.out = out;
        w = new ParameterTensor(name + ".weight", in, out);
        b = new ParameterTensor(name + ".bias", 1, out);
        wOut = inputGradient ? new float[out][ParameterTensor.pad(in)] : null;
    }

    /** PyTorch's default nn.Linear initialisation: weights and biases U(-1/sqrt(in), 1/sqrt(in)), weights times gain. */
    void init(Rng rng, double gain) {
        double bound = 1.0 / Math.sqrt(in);
        w.uniform(rng, bound * gain);
        b.uniform(rng, bound);
        syncMirror();
    }

    void syncMirror() {
        if (wOut == null) {
            return;
        }
        for (int i = 0; i < in; i++) {
            float[] row = w.value[i];
            for (int o = 0; o < out; o++) {
                wOut[o][i] = row[o];
            }
        }
    }

    /** y[r][yOff..yOff+out) = x[r][xOff..xOff+in) W + b for rows r in [r0, r1). */
    void forward(Kernels k, float[][] x, int xOff, int r0, int r1, float[][] y, int yOff) {
        k.gemm(x, xOff, r0, r1 - r0, in, w.value, out, y, yOff, b.value[0], false);
    }

    /** dW += x^T dy, db += sum of dy rows, for rows [r0, r1), into the gradient buffers of {@code worker}. */
    void accumulate(Kernels k, float[][] x, int xOff, int r0, int r1, float[][] dy, int dyOff, int worker) {
        k.gemmTN(x, xOff, r0, r1 - r0, in, dy, dyOff, out, w.grad(worker), b.grad(worker)[0]);
    }

    /** dx[r][dxOff..dxOff+in) (+)= dy[r] W^T for rows [r0, r1); {@code add} keeps what dx held. */
    void backwardInput(Kernels k, float[][] dy, int dyOff, int r0, int r1, float[][] dx, int dxOff, boolean add) {
        k.gemm(dy, dyOff, r0, r1 - r0, out, wOut, in, dx, dxOff, null, add);
    }

    /** y[yOff..yOff+out) = x[xOff..xOff+in) W + b. */
    void forward(float[] x, int xOff, float[] y, int yOff) {
        System.arraycopy(b.value[0], 0, y, yOff, out);
        float[][] wv = w.value;
        for (int i = 0; i < in; i++) {
            float a = x[xOff + i];
            if (a == 0f) {
                continue;
            }
            float[] row = wv[i];
            for (int o = 0; o < out; o++) {
                y[yOff + o] = Math.fma(a, row[o], y[yOff + o]);
            }
        }
    }

    /** dW += x^T dy, db += dy. */
    void accumulate(float[] x, int xOff, float[] dy, int dyOff) {
        float[] gb = b.grad[0];
        for (int o = 0; o < out; o++) {
            gb[o] += dy[dyOff + o];
        }
        float[][] gw = w.grad;
        for (int i = 0; i < in; i++) {
            float a = x[xOff + i];
            if (a == 0f) {
                continue;
            }
            float[] row = gw[i];
            for (int o = 0; o < out; o++) {
                row[o] = Math.fma(a, dy[dyOff + o], row[o]);
            }
        }
    }

    /** dx[dxOff..dxOff+in) += dy W^T (the caller zeroes dx first where it must). */
    void backwardInput(float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int o = 0; o < out; o++) {
            float d = dy[dyOff + o];
            if (d == 0f) {
                continue;
            }
            float[] row = wOut[o];
            for (int i = 0; i < in; i++) {
                dx[dxOff + i] = Math.fma(d, row[i], dx[dxOff + i]);
            }
        }
    }
}
