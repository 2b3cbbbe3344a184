package io.tradeloop.rl.nn;

/** {@link Kernels} in plain Java loops (inner loops over outputs, which C2 vectorises when they are long). */
final class ScalarKernels implements Kernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void exp(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.exp(v[i]);
        }
    }

    @Override
    public void gemm(float[][] x, int xOff, int r0, int rows, int k, float[][] w, int n, float[][] y, int yOff, float[] bias,
                     boolean accumulate) {
        for (int r = r0; r < r0 + rows; r++) {
            float[] xr = x[r];
            float[] yr = y[r];
            if (!accumulate) {
                if (bias == null) {
                    java.util.Arrays.fill(yr, yOff, yOff + n, 0f);
                } else {
                    System.arraycopy(bias, 0, yr, yOff, n);
                }
            }
            for (int i = 0; i < k; i++) {
                float a = xr[xOff + i];
                if (a == 0f) {
                    continue;
                }
                float[] wr = w[i];
                for (int j = 0; j < n; j++) {
                    yr[yOff + j] = Math.fma(a, wr[j], yr[yOff + j]);
                }
            }
        }
    }

    @Override
    public void gemmTN(float[][] x, int xOff, int r0, int rows, int k, float[][] dy, int dyOff, int n, float[][] gw, float[] gb) {
        for (int r = r0; r < r0 + rows; r++) {
            float[] d = dy[r];
            for (int j = 0; j < n; j++) {
                gb[j] += d[dyOff + j];
            }
            float[] xr = x[r];
            for (int i = 0; i < k; i++) {
                float a = xr[xOff + i];
                if (a == 0f) {
                    continue;
                }
                float[] g = gw[i];
                for (int j = 0; j < n; j++) {
                    g[j] = Math.fma(a, d[dyOff + j], g[j]);
                }
            }
        }
    }
}
