package io.tradeloop.rl.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the Vector API: a column block of one SIMD register width and four rows are
 * accumulated in registers over the whole inner dimension (weights loaded once per four rows), with
 * masked loads for the last partial block. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector " + S.vectorBitSize() + "-bit";
    }

    @Override
    public void exp(float[] v, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, v, i, m).lanewise(VectorOperators.EXP).intoArray(v, i, m);
        }
    }

    @Override
    public void gemm(float[][] x, int xOff, int rows, int k, float[][] w, int n, float[][] y, int yOff, float[] bias,
                     boolean accumulate) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float[] x0 = x[r];
            float[] x1 = x[r + 1];
            float[] x2 = x[r + 2];
            float[] x3 = x[r + 3];
            float[] y0 = y[r];
            float[] y1 = y[r + 1];
            float[] y2 = y[r + 2];
            float[] y3 = y[r + 3];
            for (int c = 0; c < n; c += L) {
                VectorMask<Float> m = S.indexInRange(c, n);
                FloatVector a0;
                FloatVector a1;
                FloatVector a2;
                FloatVector a3;
                if (accumulate) {
                    a0 = FloatVector.fromArray(S, y0, yOff + c, m);
                    a1 = FloatVector.fromArray(S, y1, yOff + c, m);
                    a2 = FloatVector.fromArray(S, y2, yOff + c, m);
                    a3 = FloatVector.fromArray(S, y3, yOff + c, m);
                } else if (bias != null) {
                    a0 = FloatVector.fromArray(S, bias, c, m);
                    a1 = a0;
                    a2 = a0;
                    a3 = a0;
                } else {
                    a0 = FloatVector.zero(S);
                    a1 = a0;
                    a2 = a0;
                    a3 = a0;
                }
                if (c + L <= n) {
                    for (int i = 0; i < k; i++) {
                        FloatVector wv = FloatVector.fromArray(S, w[i], c);
                        a0 = wv.fma(FloatVector.broadcast(S, x0[xOff + i]), a0);
                        a1 = wv.fma(FloatVector.broadcast(S, x1[xOff + i]), a1);
                        a2 = wv.fma(FloatVector.broadcast(S, x2[xOff + i]), a2);
                        a3 = wv.fma(FloatVector.broadcast(S, x3[xOff + i]), a3);
                    }
                } else {
                    for (int i = 0; i < k; i++) {
                        FloatVector wv = FloatVector.fromArray(S, w[i], c, m);
                        a0 = wv.fma(FloatVector.broadcast(S, x0[xOff + i]), a0);
                        a1 = wv.fma(FloatVector.broadcast(S, x1[xOff + i]), a1);
                        a2 = wv.fma(FloatVector.broadcast(S, x2[xOff + i]), a2);
                        a3 = wv.fma(FloatVector.broadcast(S, x3[xOff + i]), a3);
                    }
                }
                a0.intoArray(y0, yOff + c, m);
                a1.intoArray(y1, yOff + c, m);
                a2.intoArray(y2, yOff + c, m);
                a3.intoArray(y3, yOff + c, m);
            }
        }
        for (; r < rows; r++) {
            float[] xr = x[r];
            float[] yr = y[r];
            for (int c = 0; c < n; c += L) {
                VectorMask<Float> m = S.indexInRange(c, n);
                FloatVector a = accumulate ? FloatVector.fromArray(S, yr, yOff + c, m)
                        : bias != null ? FloatVector.fromArray(S, bias, c, m) : FloatVector.zero(S);
                for (int i = 0; i < k; i++) {
                    a = FloatVector.fromArray(S, w[i], c, m).fma(FloatVector.broadcast(S, xr[xOff + i]), a);
                }
                a.intoArray(yr, yOff + c, m);
            }
        }
    }

    @Override
    public void gemmTN(float[][] x, int xOff, int rows, int k, float[][] dy, int dyOff, int n, float[][] gw, float[] gb) {
        for (int c = 0; c < n; c += L) {
            VectorMask<Float> m = S.indexInRange(c, n);
            FloatVector b = FloatVector.fromArray(S, gb, c, m);
            for (int r = 0; r < rows; r++) {
                b = b.add(FloatVector.fromArray(S, dy[r], dyOff + c, m));
            }
            b.intoArray(gb, c, m);
            int i = 0;
            for (; i + 4 <= k; i += 4) {
                FloatVector g0 = FloatVector.fromArray(S, gw[i], c, m);
                FloatVector g1 = FloatVector.fromArray(S, gw[i + 1], c, m);
                FloatVector g2 = FloatVector.fromArray(S, gw[i + 2], c, m);
                FloatVector g3 = FloatVector.fromArray(S, gw[i + 3], c, m);
                int xi = xOff + i;
                for (int r = 0; r < rows; r++) {
                    FloatVector d = FloatVector.fromArray(S, dy[r], dyOff + c, m);
                    float[] xr = x[r];
                    g0 = d.fma(FloatVector.broadcast(S, xr[xi]), g0);
                    g1 = d.fma(FloatVector.broadcast(S, xr[xi + 1]), g1);
                    g2 = d.fma(FloatVector.broadcast(S, xr[xi + 2]), g2);
                    g3 = d.fma(FloatVector.broadcast(S, xr[xi + 3]), g3);
                }
                g0.intoArray(gw[i], c, m);
                g1.intoArray(gw[i + 1], c, m);
                g2.intoArray(gw[i + 2], c, m);
                g3.intoArray(gw[i + 3], c, m);
            }
            for (; i < k; i++) {
                FloatVector g = FloatVector.fromArray(S, gw[i], c, m);
                int xi = xOff + i;
                for (int r = 0; r < rows; r++) {
                    g = FloatVector.fromArray(S, dy[r], dyOff + c, m).fma(FloatVector.broadcast(S, x[r][xi]), g);
                }
                g.intoArray(gw[i], c, m);
            }
        }
    }
}
