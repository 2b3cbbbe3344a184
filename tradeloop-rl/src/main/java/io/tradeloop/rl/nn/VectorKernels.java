package io.tradeloop.rl.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
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

    /**
     * exp by range reduction and a degree-6 polynomial, from adds, multiplies, FMAs and bit shifts only:
     * {@code x = n ln2 + r}, {@code exp(x) = 2^n p(r)} (relative error ~2e-7). Not {@code VectorOperators.EXP}:
     * its SVML intrinsic and its Java fallback round differently, so results would depend on whether the JIT
     * had compiled the caller yet and a resumed run would not be bit-identical; these operations give the
     * same bits in every tier. Inputs below -87 give exp(-87) (the softmax only ever passes values &lt;= 0).
     */
    @Override
    public void exp(float[] v, int n) {
        FloatVector lo = FloatVector.broadcast(S, -87.0f);
        FloatVector hi = FloatVector.broadcast(S, 88.0f);
        FloatVector log2e = FloatVector.broadcast(S, 1.44269504f);
        FloatVector ln2hi = FloatVector.broadcast(S, -0.693145751953125f);
        FloatVector ln2lo = FloatVector.broadcast(S, -1.428606765330187e-06f);
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector c2 = FloatVector.broadcast(S, 1f / 2);
        FloatVector c3 = FloatVector.broadcast(S, 1f / 6);
        FloatVector c4 = FloatVector.broadcast(S, 1f / 24);
        FloatVector c5 = FloatVector.broadcast(S, 1f / 120);
        FloatVector c6 = FloatVector.broadcast(S, 1f / 720);
        IntVector bias = IntVector.broadcast(IntVector.SPECIES_PREFERRED, 127);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, v, i, m).max(lo).min(hi);
            // n = round(x log2e): truncation of x log2e -/+ 0.5 towards zero
            FloatVector t = x.mul(log2e);
            FloatVector shifted = t.add(half.blend(half.neg(), t.compare(VectorOperators.LT, 0f)));
            IntVector k = (IntVector) shifted.convert(VectorOperators.F2I, 0);
            FloatVector kf = (FloatVector) k.convert(VectorOperators.I2F, 0);
            FloatVector r = kf.fma(ln2hi, x);
            r = kf.fma(ln2lo, r);
            FloatVector p = c6.fma(r, c5);
            p = p.fma(r, c4);
            p = p.fma(r, c3);
            p = p.fma(r, c2);
            p = p.fma(r, one);
            p = p.fma(r, one);
            FloatVector scale = k.add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(scale).intoArray(v, i, m);
        }
    }

    @Override
    public void gemm(float[][] x, int xOff, int r0, int rows, int k, float[][] w, int n, float[][] y, int yOff, float[] bias,
                     boolean accumulate) {
        if (!accumulate) {
            // start from the bias (or zero) in plain code so that no vector value merges across branches:
            // C2 keeps vectors in registers only when it can follow them, and a branch-merged vector gets boxed
            for (int r = r0; r < r0 + rows; r++) {
                if (bias == null) {
                    java.util.Arrays.fill(y[r], yOff, yOff + n, 0f);
                } else {
                    System.arraycopy(bias, 0, y[r], yOff, n);
                }
            }
        }
        int full = n - n % L;
        VectorMask<Float> tail = S.indexInRange(full, n);
        int end = r0 + rows;
        int r = r0;
        for (; r + 4 <= end; r += 4) {
            int c = 0;
            for (; c + 2 * L <= full; c += 2 * L) {
                block4x2(x[r], x[r + 1], x[r + 2], x[r + 3], xOff, k, w, c, y[r], y[r + 1], y[r + 2], y[r + 3], yOff);
            }
            for (; c < full; c += L) {
                block4(x[r], x[r + 1], x[r + 2], x[r + 3], xOff, k, w, c, y[r], y[r + 1], y[r + 2], y[r + 3], yOff);
            }
            if (full < n) {
                block4(x[r], x[r + 1], x[r + 2], x[r + 3], xOff, k, w, full, y[r], y[r + 1], y[r + 2], y[r + 3], yOff, tail);
            }
        }
        for (; r < end; r++) {
            for (int c = 0; c < full; c += L) {
                block1(x[r], xOff, k, w, c, y[r], yOff);
            }
            if (full < n) {
                block1(x[r], xOff, k, w, full, y[r], yOff, tail);
            }
        }
    }

    /** Four rows times two full column blocks: eight accumulators, each broadcast used twice. */
    private static void block4x2(float[] x0, float[] x1, float[] x2, float[] x3, int xOff, int k, float[][] w, int c,
                                 float[] y0, float[] y1, float[] y2, float[] y3, int yOff) {
        int c2 = c + L;
        FloatVector a0 = FloatVector.fromArray(S, y0, yOff + c);
        FloatVector a1 = FloatVector.fromArray(S, y1, yOff + c);
        FloatVector a2 = FloatVector.fromArray(S, y2, yOff + c);
        FloatVector a3 = FloatVector.fromArray(S, y3, yOff + c);
        FloatVector b0 = FloatVector.fromArray(S, y0, yOff + c2);
        FloatVector b1 = FloatVector.fromArray(S, y1, yOff + c2);
        FloatVector b2 = FloatVector.fromArray(S, y2, yOff + c2);
        FloatVector b3 = FloatVector.fromArray(S, y3, yOff + c2);
        for (int i = 0; i < k; i++) {
            float[] wr = w[i];
            FloatVector wa = FloatVector.fromArray(S, wr, c);
            FloatVector wb = FloatVector.fromArray(S, wr, c2);
            FloatVector s0 = FloatVector.broadcast(S, x0[xOff + i]);
            FloatVector s1 = FloatVector.broadcast(S, x1[xOff + i]);
            FloatVector s2 = FloatVector.broadcast(S, x2[xOff + i]);
            FloatVector s3 = FloatVector.broadcast(S, x3[xOff + i]);
            a0 = wa.fma(s0, a0);
            a1 = wa.fma(s1, a1);
            a2 = wa.fma(s2, a2);
            a3 = wa.fma(s3, a3);
            b0 = wb.fma(s0, b0);
            b1 = wb.fma(s1, b1);
            b2 = wb.fma(s2, b2);
            b3 = wb.fma(s3, b3);
        }
        a0.intoArray(y0, yOff + c);
        a1.intoArray(y1, yOff + c);
        a2.intoArray(y2, yOff + c);
        a3.intoArray(y3, yOff + c);
        b0.intoArray(y0, yOff + c2);
        b1.intoArray(y1, yOff + c2);
        b2.intoArray(y2, yOff + c2);
        b3.intoArray(y3, yOff + c2);
    }

    /** Four rows times one full column block, accumulated in registers over k. */
    private static void block4(float[] x0, float[] x1, float[] x2, float[] x3, int xOff, int k, float[][] w, int c,
                               float[] y0, float[] y1, float[] y2, float[] y3, int yOff) {
        FloatVector a0 = FloatVector.fromArray(S, y0, yOff + c);
        FloatVector a1 = FloatVector.fromArray(S, y1, yOff + c);
        FloatVector a2 = FloatVector.fromArray(S, y2, yOff + c);
        FloatVector a3 = FloatVector.fromArray(S, y3, yOff + c);
        for (int i = 0; i < k; i++) {
            FloatVector wv = FloatVector.fromArray(S, w[i], c);
            a0 = wv.fma(FloatVector.broadcast(S, x0[xOff + i]), a0);
            a1 = wv.fma(FloatVector.broadcast(S, x1[xOff + i]), a1);
            a2 = wv.fma(FloatVector.broadcast(S, x2[xOff + i]), a2);
            a3 = wv.fma(FloatVector.broadcast(S, x3[xOff + i]), a3);
        }
        a0.intoArray(y0, yOff + c);
        a1.intoArray(y1, yOff + c);
        a2.intoArray(y2, yOff + c);
        a3.intoArray(y3, yOff + c);
    }

    /** Four rows times the last, partial column block. */
    private static void block4(float[] x0, float[] x1, float[] x2, float[] x3, int xOff, int k, float[][] w, int c,
                               float[] y0, float[] y1, float[] y2, float[] y3, int yOff, VectorMask<Float> m) {
        FloatVector a0 = FloatVector.fromArray(S, y0, yOff + c, m);
        FloatVector a1 = FloatVector.fromArray(S, y1, yOff + c, m);
        FloatVector a2 = FloatVector.fromArray(S, y2, yOff + c, m);
        FloatVector a3 = FloatVector.fromArray(S, y3, yOff + c, m);
        for (int i = 0; i < k; i++) {
            FloatVector wv = FloatVector.fromArray(S, w[i], c, m);
            a0 = wv.fma(FloatVector.broadcast(S, x0[xOff + i]), a0);
            a1 = wv.fma(FloatVector.broadcast(S, x1[xOff + i]), a1);
            a2 = wv.fma(FloatVector.broadcast(S, x2[xOff + i]), a2);
            a3 = wv.fma(FloatVector.broadcast(S, x3[xOff + i]), a3);
        }
        a0.intoArray(y0, yOff + c, m);
        a1.intoArray(y1, yOff + c, m);
        a2.intoArray(y2, yOff + c, m);
        a3.intoArray(y3, yOff + c, m);
    }

    private static void block1(float[] x0, int xOff, int k, float[][] w, int c, float[] y0, int yOff) {
        FloatVector a0 = FloatVector.fromArray(S, y0, yOff + c);
        for (int i = 0; i < k; i++) {
            a0 = FloatVector.fromArray(S, w[i], c).fma(FloatVector.broadcast(S, x0[xOff + i]), a0);
        }
        a0.intoArray(y0, yOff + c);
    }

    private static void block1(float[] x0, int xOff, int k, float[][] w, int c, float[] y0, int yOff, VectorMask<Float> m) {
        FloatVector a0 = FloatVector.fromArray(S, y0, yOff + c, m);
        for (int i = 0; i < k; i++) {
            a0 = FloatVector.fromArray(S, w[i], c, m).fma(FloatVector.broadcast(S, x0[xOff + i]), a0);
        }
        a0.intoArray(y0, yOff + c, m);
    }

    @Override
    public void gemmTN(float[][] x, int xOff, int r0, int rows, int k, float[][] dy, int dyOff, int n, float[][] gw, float[] gb) {
        for (int c = 0; c < n; c += L) {
            VectorMask<Float> m = S.indexInRange(c, n);
            biasBlock(r0, r0 + rows, dy, dyOff, c, gb, m);
            int i = 0;
            for (; i + 4 <= k; i += 4) {
                weightBlock4(x, xOff + i, r0, r0 + rows, dy, dyOff, c, gw[i], gw[i + 1], gw[i + 2], gw[i + 3], m);
            }
            for (; i < k; i++) {
                weightBlock1(x, xOff + i, r0, r0 + rows, dy, dyOff, c, gw[i], m);
            }
        }
    }

    private static void biasBlock(int r0, int end, float[][] dy, int dyOff, int c, float[] gb, VectorMask<Float> m) {
        FloatVector b = FloatVector.fromArray(S, gb, c, m);
        for (int r = r0; r < end; r++) {
            b = b.add(FloatVector.fromArray(S, dy[r], dyOff + c, m));
        }
        b.intoArray(gb, c, m);
    }

    /** Four weight rows (inputs xi..xi+3) times one column block, accumulated over all rows. */
    private static void weightBlock4(float[][] x, int xi, int r0, int end, float[][] dy, int dyOff, int c,
                                     float[] g0r, float[] g1r, float[] g2r, float[] g3r, VectorMask<Float> m) {
        FloatVector g0 = FloatVector.fromArray(S, g0r, c, m);
        FloatVector g1 = FloatVector.fromArray(S, g1r, c, m);
        FloatVector g2 = FloatVector.fromArray(S, g2r, c, m);
        FloatVector g3 = FloatVector.fromArray(S, g3r, c, m);
        for (int r = r0; r < end; r++) {
            FloatVector d = FloatVector.fromArray(S, dy[r], dyOff + c, m);
            float[] xr = x[r];
            g0 = d.fma(FloatVector.broadcast(S, xr[xi]), g0);
            g1 = d.fma(FloatVector.broadcast(S, xr[xi + 1]), g1);
            g2 = d.fma(FloatVector.broadcast(S, xr[xi + 2]), g2);
            g3 = d.fma(FloatVector.broadcast(S, xr[xi + 3]), g3);
        }
        g0.intoArray(g0r, c, m);
        g1.intoArray(g1r, c, m);
        g2.intoArray(g2r, c, m);
        g3.intoArray(g3r, c, m);
    }

    private static void weightBlock1(float[][] x, int xi, int r0, int end, float[][] dy, int dyOff, int c, float[] gr,
                                     VectorMask<Float> m) {
        FloatVector g = FloatVector.fromArray(S, gr, c, m);
        for (int r = r0; r < end; r++) {
            g = FloatVector.fromArray(S, dy[r], dyOff + c, m).fma(FloatVector.broadcast(S, x[r][xi]), g);
        }
        g.intoArray(gr, c, m);
    }
}
