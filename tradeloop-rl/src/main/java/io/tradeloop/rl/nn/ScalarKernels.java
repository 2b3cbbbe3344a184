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
    @Override
    public void relu(float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            v[i] = Math.max(v[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] d, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            d[dOff + i] = y[yOff + i] > 0f ? d[dOff + i] : 0f;
        }
    }

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize, float sqrtBias2,
                     float eps, float scale) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        for (int c = 0; c < n; c++) {
            float gc = g[c] * scale;
            float mc = beta1 * m[c] + oneMinusB1 * gc;
            float vc = beta2 * v[c] + oneMinusB2 * gc * gc;
            m[c] = mc;
            v[c] = vc;
            p[c] -= stepSize * mc / ((float) Math.sqrt(vc) / sqrtBias2 + eps);
        }
    }

    @Override
    public double sumSquares(float[][] rows, int n) {
        double s = 0;
        for (float[] v : rows) {
            for (int i = 0; i < n; i++) {
                s += (double) v[i] * v[i];
            }
        }
        return s;
    }

    @Override
    public void lanesGemm(float[][] x, int xRow, int k, float[][] w, int wRow, int wCol, int n, float[][] y, int yRow, float[] bias,
                          boolean accumulate, int l0, int l1) {
        for (int j = 0; j < n; j++) {
            float[] yr = y[yRow + j];
            if (!accumulate) {
                java.util.Arrays.fill(yr, l0, l1, bias == null ? 0f : bias[wCol + j]);
            }
            for (int i = 0; i < k; i++) {
                float c = w[wRow + i][wCol + j];
                float[] xr = x[xRow + i];
                for (int l = l0; l < l1; l++) {
                    yr[l] = Math.fma(c, xr[l], yr[l]);
                }
            }
        }
    }

    @Override
    public void lanesGemmT(float[][] x, int xRow, int k, float[][] w, int wRow, int wCol, int n, float[][] y, int yRow,
                           boolean accumulate, int l0, int l1) {
        for (int j = 0; j < n; j++) {
            float[] yr = y[yRow + j];
            if (!accumulate) {
                java.util.Arrays.fill(yr, l0, l1, 0f);
            }
            float[] wr = w[wRow + j];
            for (int i = 0; i < k; i++) {
                float c = wr[wCol + i];
                float[] xr = x[xRow + i];
                for (int l = l0; l < l1; l++) {
                    yr[l] = Math.fma(c, xr[l], yr[l]);
                }
            }
        }
    }

    @Override
    public void lanesGemmTN(float[][] x, int xRow, int xStride, int k, float[][] dy, int dyRow, int dyStride, int n, int slots,
                            float[][] gw, int gCol, float[] gb, int l0, int l1) {
        for (int j = 0; j < n; j++) {
            if (gb != null) {
                float sb = 0f;
                for (int s = 0; s < slots; s++) {
                    float[] d = dy[dyRow + s * dyStride + j];
                    for (int l = l0; l < l1; l++) {
                        sb += d[l];
                    }
                }
                gb[gCol + j] += sb;
            }
            for (int i = 0; i < k; i++) {
                float sum = 0f;
                for (int s = 0; s < slots; s++) {
                    float[] d = dy[dyRow + s * dyStride + j];
                    float[] xr = x[xRow + s * xStride + i];
                    for (int l = l0; l < l1; l++) {
                        sum = Math.fma(xr[l], d[l], sum);
                    }
                }
                gw[i][gCol + j] += sum;
            }
        }
    }

    @Override
    public void lanesDot(float[][] a, int aRow, int aStride, float[][] b, int bRow, int bStride, int n, float[] out,
                         boolean accumulate, int l0, int l1) {
        if (!accumulate) {
            java.util.Arrays.fill(out, l0, l1, 0f);
        }
        for (int j = 0; j < n; j++) {
            float[] ar = a[aRow + j * aStride];
            float[] br = b[bRow + j * bStride];
            for (int l = l0; l < l1; l++) {
                out[l] = Math.fma(ar[l], br[l], out[l]);
            }
        }
    }

    @Override
    public void lanesSum(float[][] a, int aRow, int aStride, int n, float scale, float[] out, int l0, int l1) {
        for (int l = l0; l < l1; l++) {
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                sum += a[aRow + j * aStride][l];
            }
            out[l] = sum * scale;
        }
    }

    @Override
    public void lanesSoftmax(float[][] s, int row0, int n, float scale, int l0, int l1) {
        for (int l = l0; l < l1; l++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int u = 0; u < n; u++) {
                max = Math.max(max, s[row0 + u][l]);
            }
            float sum = 0f;
            for (int u = 0; u < n; u++) {
                float e = (float) Math.exp((s[row0 + u][l] - max) * scale);
                s[row0 + u][l] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int u = 0; u < n; u++) {
                s[row0 + u][l] *= inv;
            }
        }
    }

    @Override
    public void lanesSoftmaxBackward(float[][] a, int aRow, float[][] da, int daRow, int n, float scale, float[][] ds, int dsRow,
                                     int l0, int l1) {
        for (int l = l0; l < l1; l++) {
            float dot = 0f;
            for (int u = 0; u < n; u++) {
                dot = Math.fma(a[aRow + u][l], da[daRow + u][l], dot);
            }
            for (int u = 0; u < n; u++) {
                ds[dsRow + u][l] = a[aRow + u][l] * (da[daRow + u][l] - dot) * scale;
            }
        }
    }
}
