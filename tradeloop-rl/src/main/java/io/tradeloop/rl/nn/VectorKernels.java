package io.tradeloop.rl.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the Vector API: a column block of one SIMD register width and four rows are
 * accumulated in registers over the whole inner dimension (weights loaded once per four rows), with
 * masked loads for the last partial block. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    VectorKernels() {
        if (16 % L != 0 || 2 * DS.length() != L) {   // lane ranges are multiples of 16; a float vector widens to two double vectors
            throw new IllegalStateException("vector length " + L + " floats does not divide 16");
        }
    }

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
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            expV(FloatVector.fromArray(S, v, i, m)).intoArray(v, i, m);
        }
    }

    private static final FloatVector EXP_LO = FloatVector.broadcast(S, -87.0f);
    private static final FloatVector EXP_HI = FloatVector.broadcast(S, 88.0f);
    private static final FloatVector LOG2E = FloatVector.broadcast(S, 1.44269504f);
    private static final FloatVector LN2_HI = FloatVector.broadcast(S, -0.693145751953125f);
    private static final FloatVector LN2_LO = FloatVector.broadcast(S, -1.428606765330187e-06f);
    private static final FloatVector HALF = FloatVector.broadcast(S, 0.5f);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector C2 = FloatVector.broadcast(S, 1f / 2);
    private static final FloatVector C3 = FloatVector.broadcast(S, 1f / 6);
    private static final FloatVector C4 = FloatVector.broadcast(S, 1f / 24);
    private static final FloatVector C5 = FloatVector.broadcast(S, 1f / 120);
    private static final FloatVector C6 = FloatVector.broadcast(S, 1f / 720);
    private static final IntVector EXP_BIAS = IntVector.broadcast(IntVector.SPECIES_PREFERRED, 127);

    /** The exp of {@link #exp} on one vector. */
    private static FloatVector expV(FloatVector in) {
        FloatVector x = in.max(EXP_LO).min(EXP_HI);
        // n = round(x log2e): truncation of x log2e -/+ 0.5 towards zero
        FloatVector t = x.mul(LOG2E);
        FloatVector shifted = t.add(HALF.blend(HALF.neg(), t.compare(VectorOperators.LT, 0f)));
        IntVector k = (IntVector) shifted.convert(VectorOperators.F2I, 0);
        FloatVector kf = (FloatVector) k.convert(VectorOperators.I2F, 0);
        FloatVector r = kf.fma(LN2_HI, x);
        r = kf.fma(LN2_LO, r);
        FloatVector p = C6.fma(r, C5);
        p = p.fma(r, C4);
        p = p.fma(r, C3);
        p = p.fma(r, C2);
        p = p.fma(r, ONE);
        p = p.fma(r, ONE);
        FloatVector scale = k.add(EXP_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
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
    @Override
    public void relu(float[] v, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector.fromArray(S, v, i).max(zero).intoArray(v, i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector.fromArray(S, v, i, m).max(zero).intoArray(v, i, m);
        }
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] d, int dOff, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
            zero.blend(FloatVector.fromArray(S, d, dOff + i), yv.compare(VectorOperators.GT, 0f)).intoArray(d, dOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector yv = FloatVector.fromArray(S, y, yOff + i, m);
            zero.blend(FloatVector.fromArray(S, d, dOff + i, m), yv.compare(VectorOperators.GT, 0f)).intoArray(d, dOff + i, m);
        }
    }

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize, float sqrtBias2,
                     float eps, float scale) {
        // the scalar kernel's operations in the same order: IEEE add, mul, div and sqrt round the same in every lane
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        for (int c = 0; c < n; c += L) {
            VectorMask<Float> k = S.indexInRange(c, n);
            FloatVector gc = FloatVector.fromArray(S, g, c, k).mul(scale);
            FloatVector mc = FloatVector.fromArray(S, m, c, k).mul(beta1).add(gc.mul(oneMinusB1));
            FloatVector vc = FloatVector.fromArray(S, v, c, k).mul(beta2).add(gc.mul(oneMinusB2).mul(gc));
            mc.intoArray(m, c, k);
            vc.intoArray(v, c, k);
            FloatVector step = mc.mul(stepSize).div(vc.sqrt().div(sqrtBias2).add(eps));
            FloatVector.fromArray(S, p, c, k).sub(step).intoArray(p, c, k);
        }
    }

    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    @Override
    public double sumSquares(float[][] rows, int n) {
        // squares of the floats as doubles (exact), summed lane by lane over all rows, then the lanes in order
        DoubleVector a0 = DoubleVector.zero(DS);
        DoubleVector a1 = DoubleVector.zero(DS);
        for (float[] v : rows) {
            for (int i = 0; i < n; i += L) {
                FloatVector f = FloatVector.fromArray(S, v, i, S.indexInRange(i, n));
                DoubleVector d0 = (DoubleVector) f.convertShape(VectorOperators.F2D, DS, 0);
                DoubleVector d1 = (DoubleVector) f.convertShape(VectorOperators.F2D, DS, 1);
                a0 = d0.fma(d0, a0);
                a1 = d1.fma(d1, a1);
            }
        }
        DoubleVector sum = a0.add(a1);
        double s = 0;
        for (int i = 0; i < DS.length(); i++) {
            s += sum.lane(i);
        }
        return s;
    }

    // ---- lane layout -------------------------------------------------------------------------------------------

    /** Shuffles pairing lane i with lane i ^ d, for the fixed-order sum of a vector's lanes. */
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(S, i -> (i ^ 2) % L);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(S, i -> (i ^ 4) % L);
    private static final VectorShuffle<Float> SWAP8 = VectorShuffle.fromOp(S, i -> (i ^ 8) % L);

    /**
     * The sum of a vector's lanes as a tree of pairwise adds in a fixed order. Not {@code reduceLanes(ADD)}, whose order
     * is unspecified and may differ between the intrinsic and the fallback (a resumed run must be bit-identical).
     */
    private static float sumLanes(FloatVector v) {
        if (L > 8) {
            v = v.add(v.rearrange(SWAP8));
        }
        if (L > 4) {
            v = v.add(v.rearrange(SWAP4));
        }
        if (L > 2) {
            v = v.add(v.rearrange(SWAP2));
        }
        v = v.add(v.rearrange(SWAP1));
        return v.lane(0);
    }

    @Override
    public void lanesGemm(float[][] x, int xRow, int k, float[][] w, int wRow, int wCol, int n, float[][] y, int yRow, float[] bias,
                          boolean accumulate, int l0, int l1) {
        if (!accumulate) {
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(y[yRow + j], l0, l1, bias == null ? 0f : bias[wCol + j]);
            }
        }
        int j = 0;
        for (; j + 2 <= n; j += 2) {
            float[] y0 = y[yRow + j];
            float[] y1 = y[yRow + j + 1];
            int l = l0;
            for (; l + 4 * L <= l1; l += 4 * L) {
                columns2x4(x, xRow, k, w, wRow, wCol + j, y0, y1, l);
            }
            for (; l < l1; l += L) {
                columns2x1(x, xRow, k, w, wRow, wCol + j, y0, y1, l);
            }
        }
        if (j < n) {
            float[] y0 = y[yRow + j];
            for (int l = l0; l < l1; l += L) {
                columns1x1(x, xRow, k, w, wRow, wCol + j, y0, l);
            }
        }
    }

    /** Two outputs (coefficient columns c, c + 1 of w) times four lane vectors, accumulated over k inputs. */
    private static void columns2x4(float[][] x, int xRow, int k, float[][] w, int wRow, int c, float[] y0, float[] y1, int l) {
        FloatVector a0 = FloatVector.fromArray(S, y0, l);
        FloatVector a1 = FloatVector.fromArray(S, y0, l + L);
        FloatVector a2 = FloatVector.fromArray(S, y0, l + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, y0, l + 3 * L);
        FloatVector b0 = FloatVector.fromArray(S, y1, l);
        FloatVector b1 = FloatVector.fromArray(S, y1, l + L);
        FloatVector b2 = FloatVector.fromArray(S, y1, l + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, y1, l + 3 * L);
        for (int i = 0; i < k; i++) {
            float[] wr = w[wRow + i];
            FloatVector c0 = FloatVector.broadcast(S, wr[c]);
            FloatVector c1 = FloatVector.broadcast(S, wr[c + 1]);
            float[] xr = x[xRow + i];
            FloatVector x0 = FloatVector.fromArray(S, xr, l);
            FloatVector x1 = FloatVector.fromArray(S, xr, l + L);
            FloatVector x2 = FloatVector.fromArray(S, xr, l + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, xr, l + 3 * L);
            a0 = x0.fma(c0, a0);
            a1 = x1.fma(c0, a1);
            a2 = x2.fma(c0, a2);
            a3 = x3.fma(c0, a3);
            b0 = x0.fma(c1, b0);
            b1 = x1.fma(c1, b1);
            b2 = x2.fma(c1, b2);
            b3 = x3.fma(c1, b3);
        }
        a0.intoArray(y0, l);
        a1.intoArray(y0, l + L);
        a2.intoArray(y0, l + 2 * L);
        a3.intoArray(y0, l + 3 * L);
        b0.intoArray(y1, l);
        b1.intoArray(y1, l + L);
        b2.intoArray(y1, l + 2 * L);
        b3.intoArray(y1, l + 3 * L);
    }

    private static void columns2x1(float[][] x, int xRow, int k, float[][] w, int wRow, int c, float[] y0, float[] y1, int l) {
        FloatVector a0 = FloatVector.fromArray(S, y0, l);
        FloatVector b0 = FloatVector.fromArray(S, y1, l);
        for (int i = 0; i < k; i++) {
            float[] wr = w[wRow + i];
            FloatVector x0 = FloatVector.fromArray(S, x[xRow + i], l);
            a0 = x0.fma(FloatVector.broadcast(S, wr[c]), a0);
            b0 = x0.fma(FloatVector.broadcast(S, wr[c + 1]), b0);
        }
        a0.intoArray(y0, l);
        b0.intoArray(y1, l);
    }

    private static void columns1x1(float[][] x, int xRow, int k, float[][] w, int wRow, int c, float[] y0, int l) {
        FloatVector a0 = FloatVector.fromArray(S, y0, l);
        for (int i = 0; i < k; i++) {
            a0 = FloatVector.fromArray(S, x[xRow + i], l).fma(FloatVector.broadcast(S, w[wRow + i][c]), a0);
        }
        a0.intoArray(y0, l);
    }

    @Override
    public void lanesGemmT(float[][] x, int xRow, int k, float[][] w, int wRow, int wCol, int n, float[][] y, int yRow,
                           boolean accumulate, int l0, int l1) {
        if (!accumulate) {
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(y[yRow + j], l0, l1, 0f);
            }
        }
        int j = 0;
        for (; j + 2 <= n; j += 2) {
            float[] y0 = y[yRow + j];
            float[] y1 = y[yRow + j + 1];
            float[] w0 = w[wRow + j];
            float[] w1 = w[wRow + j + 1];
            int l = l0;
            for (; l + 4 * L <= l1; l += 4 * L) {
                rows2x4(x, xRow, k, w0, w1, wCol, y0, y1, l);
            }
            for (; l < l1; l += L) {
                rows2x1(x, xRow, k, w0, w1, wCol, y0, y1, l);
            }
        }
        if (j < n) {
            float[] y0 = y[yRow + j];
            float[] w0 = w[wRow + j];
            for (int l = l0; l < l1; l += L) {
                FloatVector a0 = FloatVector.fromArray(S, y0, l);
                for (int i = 0; i < k; i++) {
                    a0 = FloatVector.fromArray(S, x[xRow + i], l).fma(FloatVector.broadcast(S, w0[wCol + i]), a0);
                }
                a0.intoArray(y0, l);
            }
        }
    }

    /** Two outputs whose coefficients are rows w0, w1 (from wCol) times four lane vectors. */
    private static void rows2x4(float[][] x, int xRow, int k, float[] w0, float[] w1, int wCol, float[] y0, float[] y1, int l) {
        FloatVector a0 = FloatVector.fromArray(S, y0, l);
        FloatVector a1 = FloatVector.fromArray(S, y0, l + L);
        FloatVector a2 = FloatVector.fromArray(S, y0, l + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, y0, l + 3 * L);
        FloatVector b0 = FloatVector.fromArray(S, y1, l);
        FloatVector b1 = FloatVector.fromArray(S, y1, l + L);
        FloatVector b2 = FloatVector.fromArray(S, y1, l + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, y1, l + 3 * L);
        for (int i = 0; i < k; i++) {
            FloatVector c0 = FloatVector.broadcast(S, w0[wCol + i]);
            FloatVector c1 = FloatVector.broadcast(S, w1[wCol + i]);
            float[] xr = x[xRow + i];
            FloatVector x0 = FloatVector.fromArray(S, xr, l);
            FloatVector x1 = FloatVector.fromArray(S, xr, l + L);
            FloatVector x2 = FloatVector.fromArray(S, xr, l + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, xr, l + 3 * L);
            a0 = x0.fma(c0, a0);
            a1 = x1.fma(c0, a1);
            a2 = x2.fma(c0, a2);
            a3 = x3.fma(c0, a3);
            b0 = x0.fma(c1, b0);
            b1 = x1.fma(c1, b1);
            b2 = x2.fma(c1, b2);
            b3 = x3.fma(c1, b3);
        }
        a0.intoArray(y0, l);
        a1.intoArray(y0, l + L);
        a2.intoArray(y0, l + 2 * L);
        a3.intoArray(y0, l + 3 * L);
        b0.intoArray(y1, l);
        b1.intoArray(y1, l + L);
        b2.intoArray(y1, l + 2 * L);
        b3.intoArray(y1, l + 3 * L);
    }

    private static void rows2x1(float[][] x, int xRow, int k, float[] w0, float[] w1, int wCol, float[] y0, float[] y1, int l) {
        FloatVector a0 = FloatVector.fromArray(S, y0, l);
        FloatVector b0 = FloatVector.fromArray(S, y1, l);
        for (int i = 0; i < k; i++) {
            FloatVector x0 = FloatVector.fromArray(S, x[xRow + i], l);
            a0 = x0.fma(FloatVector.broadcast(S, w0[wCol + i]), a0);
            b0 = x0.fma(FloatVector.broadcast(S, w1[wCol + i]), b0);
        }
        a0.intoArray(y0, l);
        b0.intoArray(y1, l);
    }

    @Override
    public void lanesGemmTN(float[][] x, int xRow, int xStride, int k, float[][] dy, int dyRow, int dyStride, int n, int slots,
                            float[][] gw, int gCol, float[] gb, int l0, int l1) {
        if (gb != null) {
            for (int j = 0; j < n; j++) {
                gb[gCol + j] += laneTotal(dy, dyRow + j, dyStride, slots, l0, l1);
            }
        }
        int j = 0;
        for (; j + 2 <= n; j += 2) {
            int i = 0;
            for (; i + 4 <= k; i += 4) {
                gradient4x2(x, xRow + i, xStride, dy, dyRow + j, dyStride, slots, l0, l1, gw, i, gCol + j);
            }
            for (; i < k; i++) {
                gw[i][gCol + j] += laneDot(x, xRow + i, xStride, dy, dyRow + j, dyStride, slots, l0, l1);
                gw[i][gCol + j + 1] += laneDot(x, xRow + i, xStride, dy, dyRow + j + 1, dyStride, slots, l0, l1);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < k; i++) {
                gw[i][gCol + j] += laneDot(x, xRow + i, xStride, dy, dyRow + j, dyStride, slots, l0, l1);
            }
        }
    }

    /** Four inputs times two outputs of a weight gradient: eight accumulators over slots and lanes. */
    private static void gradient4x2(float[][] x, int xRow, int xStride, float[][] dy, int dyRow, int dyStride, int slots,
                                    int l0, int l1, float[][] gw, int i, int c) {
        FloatVector g00 = FloatVector.zero(S);
        FloatVector g01 = FloatVector.zero(S);
        FloatVector g10 = FloatVector.zero(S);
        FloatVector g11 = FloatVector.zero(S);
        FloatVector g20 = FloatVector.zero(S);
        FloatVector g21 = FloatVector.zero(S);
        FloatVector g30 = FloatVector.zero(S);
        FloatVector g31 = FloatVector.zero(S);
        for (int s = 0; s < slots; s++) {
            float[] d0 = dy[dyRow + s * dyStride];
            float[] d1 = dy[dyRow + s * dyStride + 1];
            float[] x0 = x[xRow + s * xStride];
            float[] x1 = x[xRow + s * xStride + 1];
            float[] x2 = x[xRow + s * xStride + 2];
            float[] x3 = x[xRow + s * xStride + 3];
            for (int l = l0; l < l1; l += L) {
                FloatVector dv0 = FloatVector.fromArray(S, d0, l);
                FloatVector dv1 = FloatVector.fromArray(S, d1, l);
                FloatVector xv = FloatVector.fromArray(S, x0, l);
                g00 = xv.fma(dv0, g00);
                g01 = xv.fma(dv1, g01);
                xv = FloatVector.fromArray(S, x1, l);
                g10 = xv.fma(dv0, g10);
                g11 = xv.fma(dv1, g11);
                xv = FloatVector.fromArray(S, x2, l);
                g20 = xv.fma(dv0, g20);
                g21 = xv.fma(dv1, g21);
                xv = FloatVector.fromArray(S, x3, l);
                g30 = xv.fma(dv0, g30);
                g31 = xv.fma(dv1, g31);
            }
        }
        gw[i][c] += sumLanes(g00);
        gw[i][c + 1] += sumLanes(g01);
        gw[i + 1][c] += sumLanes(g10);
        gw[i + 1][c + 1] += sumLanes(g11);
        gw[i + 2][c] += sumLanes(g20);
        gw[i + 2][c + 1] += sumLanes(g21);
        gw[i + 3][c] += sumLanes(g30);
        gw[i + 3][c + 1] += sumLanes(g31);
    }

    private static float laneDot(float[][] x, int xRow, int xStride, float[][] dy, int dyRow, int dyStride, int slots, int l0, int l1) {
        FloatVector g = FloatVector.zero(S);
        for (int s = 0; s < slots; s++) {
            float[] d = dy[dyRow + s * dyStride];
            float[] xr = x[xRow + s * xStride];
            for (int l = l0; l < l1; l += L) {
                g = FloatVector.fromArray(S, xr, l).fma(FloatVector.fromArray(S, d, l), g);
            }
        }
        return sumLanes(g);
    }

    private static float laneTotal(float[][] dy, int dyRow, int dyStride, int slots, int l0, int l1) {
        FloatVector g = FloatVector.zero(S);
        for (int s = 0; s < slots; s++) {
            float[] d = dy[dyRow + s * dyStride];
            for (int l = l0; l < l1; l += L) {
                g = g.add(FloatVector.fromArray(S, d, l));
            }
        }
        return sumLanes(g);
    }

    @Override
    public void lanesDot(float[][] a, int aRow, int aStride, float[][] b, int bRow, int bStride, int n, float[] out,
                         boolean accumulate, int l0, int l1) {
        if (!accumulate) {
            java.util.Arrays.fill(out, l0, l1, 0f);
        }
        int l = l0;
        for (; l + 4 * L <= l1; l += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, out, l);
            FloatVector a1 = FloatVector.fromArray(S, out, l + L);
            FloatVector a2 = FloatVector.fromArray(S, out, l + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, out, l + 3 * L);
            for (int j = 0; j < n; j++) {
                float[] ar = a[aRow + j * aStride];
                float[] br = b[bRow + j * bStride];
                a0 = FloatVector.fromArray(S, ar, l).fma(FloatVector.fromArray(S, br, l), a0);
                a1 = FloatVector.fromArray(S, ar, l + L).fma(FloatVector.fromArray(S, br, l + L), a1);
                a2 = FloatVector.fromArray(S, ar, l + 2 * L).fma(FloatVector.fromArray(S, br, l + 2 * L), a2);
                a3 = FloatVector.fromArray(S, ar, l + 3 * L).fma(FloatVector.fromArray(S, br, l + 3 * L), a3);
            }
            a0.intoArray(out, l);
            a1.intoArray(out, l + L);
            a2.intoArray(out, l + 2 * L);
            a3.intoArray(out, l + 3 * L);
        }
        for (; l < l1; l += L) {
            FloatVector a0 = FloatVector.fromArray(S, out, l);
            for (int j = 0; j < n; j++) {
                a0 = FloatVector.fromArray(S, a[aRow + j * aStride], l).fma(FloatVector.fromArray(S, b[bRow + j * bStride], l), a0);
            }
            a0.intoArray(out, l);
        }
    }

    @Override
    public void lanesSum(float[][] a, int aRow, int aStride, int n, float scale, float[] out, int l0, int l1) {
        for (int l = l0; l < l1; l += L) {
            FloatVector sum = FloatVector.zero(S);
            for (int j = 0; j < n; j++) {
                sum = sum.add(FloatVector.fromArray(S, a[aRow + j * aStride], l));
            }
            sum.mul(scale).intoArray(out, l);
        }
    }

    @Override
    public void lanesSoftmax(float[][] s, int row0, int n, float scale, int l0, int l1) {
        for (int l = l0; l < l1; l += L) {
            FloatVector max = FloatVector.fromArray(S, s[row0], l);
            for (int u = 1; u < n; u++) {
                max = max.max(FloatVector.fromArray(S, s[row0 + u], l));
            }
            FloatVector sum = FloatVector.zero(S);
            for (int u = 0; u < n; u++) {
                FloatVector e = expV(FloatVector.fromArray(S, s[row0 + u], l).sub(max).mul(scale));
                e.intoArray(s[row0 + u], l);
                sum = sum.add(e);
            }
            FloatVector inv = ONE.div(sum);
            for (int u = 0; u < n; u++) {
                FloatVector.fromArray(S, s[row0 + u], l).mul(inv).intoArray(s[row0 + u], l);
            }
        }
    }

    @Override
    public void lanesSoftmaxBackward(float[][] a, int aRow, float[][] da, int daRow, int n, float scale, float[][] ds, int dsRow,
                                     int l0, int l1) {
        for (int l = l0; l < l1; l += L) {
            FloatVector dot = FloatVector.zero(S);
            for (int u = 0; u < n; u++) {
                dot = FloatVector.fromArray(S, a[aRow + u], l).fma(FloatVector.fromArray(S, da[daRow + u], l), dot);
            }
            for (int u = 0; u < n; u++) {
                FloatVector av = FloatVector.fromArray(S, a[aRow + u], l);
                av.mul(FloatVector.fromArray(S, da[daRow + u], l).sub(dot)).mul(scale).intoArray(ds[dsRow + u], l);
            }
        }
    }
}
