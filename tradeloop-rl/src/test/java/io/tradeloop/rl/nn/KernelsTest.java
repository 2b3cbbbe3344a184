package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KernelsTest {
    private static List<Kernels> implementations() {
        Kernels best = Kernels.best();
        return best instanceof ScalarKernels ? List.of(best) : List.of(new ScalarKernels(), best);
    }

    @Test
    void surefireRunsWithTheVectorKernels() {
        // the build passes --add-modules jdk.incubator.vector; without it the scalar loops would be chosen silently
        assertThat(Kernels.best().name()).startsWith("vector");
    }

    @Test
    void smallProductsMatchHandComputedValues() {
        // x = [[1, 2], [3, 4]], W = [[1, 0, 2], [0, 1, 3]], b = [10, 20, 30]
        // x W + b = [[1+10, 2+20, 2+6+30], [3+10, 4+20, 6+12+30]] = [[11, 22, 38], [13, 24, 48]]
        for (Kernels k : implementations()) {
            float[][] x = {{1, 2}, {3, 4}};
            float[][] w = {{1, 0, 2}, {0, 1, 3}};
            float[][] y = new float[2][ParameterTensor.pad(3)];
            k.gemm(x, 0, 0, 2, 2, w, 3, y, 0, new float[] {10, 20, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, false);
            assertThat(y[0]).startsWith(11f, 22f, 38f);
            assertThat(y[1]).startsWith(13f, 24f, 48f);
            // dW += x^T dy with dy = [[1, 0, 1], [0, 2, 0]]: dW = [[1, 6, 1], [2, 8, 2]], db = [1, 2, 1]
            float[][] gw = new float[2][ParameterTensor.pad(3)];
            float[] gb = new float[ParameterTensor.pad(3)];
            float[][] dy = {pad(1, 0, 1), pad(0, 2, 0)};
            k.gemmTN(x, 0, 0, 2, 2, dy, 0, 3, gw, gb);
            assertThat(gw[0]).startsWith(1f, 6f, 1f);
            assertThat(gw[1]).startsWith(2f, 8f, 2f);
            assertThat(gb).startsWith(1f, 2f, 1f);
            float[] e = pad(0, 1, -2);
            k.exp(e, 3);
            assertThat(e[0]).isEqualTo(1f);
            assertThat(e[1]).isCloseTo((float) Math.E, within(1e-6f));
            assertThat(e[2]).isCloseTo((float) Math.exp(-2), within(1e-7f));
        }
    }

    private static float[] pad(float... v) {
        return java.util.Arrays.copyOf(v, ParameterTensor.pad(v.length));
    }

    @Test
    void vectorAndScalarKernelsAgreeOnEveryShapeAndOffset() {
        Rng rng = new Rng(8);
        List<Kernels> ks = implementations();
        for (int rows : new int[] {1, 3, 4, 7, 10}) {
            for (int kDim : new int[] {1, 5, 12, 40}) {
                for (int n : new int[] {1, 10, 16, 36, 40, 64}) {
                    int off = 3;
                    float[][] x = random(rng, rows, off + kDim);
                    float[][] w = random(rng, kDim, n);
                    float[] bias = random(rng, 1, n)[0];
                    float[][] y0 = random(rng, rows, off + n);
                    float[][] expected = null;
                    for (Kernels k : ks) {
                        for (boolean acc : new boolean[] {false, true}) {
                            float[][] y = copy(y0);
                            k.gemm(x, off, 0, rows, kDim, w, n, y, off, acc ? null : bias, acc);
                            float[][] gw = random(new Rng(1), kDim, n);
                            float[] gb = random(new Rng(2), 1, n)[0];
                            k.gemmTN(x, off, 0, rows, kDim, y0, off, n, gw, gb);
                            float[][] got = concat(y, gw, new float[][] {gb});
                            if (!acc) {
                                if (expected == null) {
                                    expected = got;
                                } else {
                                    for (int r = 0; r < expected.length; r++) {
                                        for (int j = 0; j < expected[r].length; j++) {
                                            assertThat(got[r][j]).as("%s rows=%d k=%d n=%d [%d][%d]", k.name(), rows, kDim, n, r, j)
                                                    .isCloseTo(expected[r][j], within(1e-4f));
                                        }
                                    }
                                }
                            }
                            // padding lanes and elements before the offset are never written
                            for (int r = 0; r < rows; r++) {
                                for (int j = 0; j < off; j++) {
                                    assertThat(y[r][j]).isEqualTo(y0[r][j]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[][] random(Rng rng, int rows, int cols) {
        float[][] a = new float[rows][ParameterTensor.pad(cols) + 16];
        for (float[] r : a) {
            for (int j = 0; j < cols; j++) {
                r[j] = (float) rng.nextGaussian();
            }
        }
        return a;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static float[][] concat(float[][]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(float[][]::new);
    }

    @Test
    void expIsWithinAMillionthOfMathExpOverTheSoftmaxRange() {
        for (Kernels k : implementations()) {
            float[] v = new float[1000];
            for (int i = 0; i < v.length; i++) {
                v[i] = -87f * i / (v.length - 1) + (i % 7) * 1e-3f;   // [-87, 0] plus small offsets
            }
            float[] e = v.clone();
            k.exp(e, e.length);
            for (int i = 0; i < v.length; i++) {
                double exact = Math.exp(v[i]);
                assertThat((double) e[i]).as("%s exp(%f)", k.name(), v[i]).isCloseTo(exact, within(1e-6 * exact));
            }
        }
    }
    /** A lane matrix of {@code rows} rows and 16 lanes, {@code f(row, lane)}. */
    private static float[][] lanes(int rows, java.util.function.IntBinaryOperator f) {
        float[][] a = new float[rows][16];
        for (int r = 0; r < rows; r++) {
            for (int l = 0; l < 16; l++) {
                a[r][l] = f.applyAsInt(r, l);
            }
        }
        return a;
    }

    @Test
    void laneKernelsMatchHandComputedValues() {
        for (Kernels k : implementations()) {
            // x rows: x0[l] = l, x1[l] = 1 (lanes l = 0..15); W = [[2, 0], [1, 3]] stored [in][out], b = [10, 20]
            float[][] x = lanes(2, (r, l) -> r == 0 ? l : 1);
            float[][] w = {{2, 0}, {1, 3}};
            float[][] y = new float[2][16];
            // y_j = b_j + sum_i W[i][j] x_i: y0 = 10 + 2l + 1 = 11 + 2l, y1 = 20 + 0l + 3 = 23
            k.lanesGemm(x, 0, 2, w, 0, 0, 2, y, 0, new float[] {10, 20}, false, 0, 16);
            for (int l = 0; l < 16; l++) {
                assertThat(y[0][l]).as(k.name()).isEqualTo(11f + 2 * l);
                assertThat(y[1][l]).as(k.name()).isEqualTo(23f);
            }
            // transposed coefficients, accumulating: y_j += sum_i W[j][i] x_i: y0 += 2l + 0, y1 += l + 3
            k.lanesGemmT(x, 0, 2, w, 0, 0, 2, y, 0, true, 0, 16);
            for (int l = 0; l < 16; l++) {
                assertThat(y[0][l]).isEqualTo(11f + 4 * l);
                assertThat(y[1][l]).isEqualTo(23f + l + 3);
            }
            // gradient with dy = x over 1 slot: g[i][j] = sum_l x_i x_j: g00 = sum l^2 = 1240, g01 = g10 = sum l = 120,
            // g11 = 16; gb = [120, 16]; second slot (rows 2..3, the same values again) doubles everything
            float[][] x2 = lanes(4, (r, l) -> r % 2 == 0 ? l : 1);
            float[][] g = new float[2][16];
            float[] gb = new float[16];
            k.lanesGemmTN(x2, 0, 2, 2, x2, 0, 2, 2, 2, g, 0, gb, 0, 16);
            assertThat(g[0]).startsWith(2480f, 240f);
            assertThat(g[1]).startsWith(240f, 32f);
            assertThat(gb).startsWith(240f, 32f);
            // dot over rows with strides: out = x0 x0 + x1 x1 = l^2 + 1; sum: (l + 1) / 2
            float[] out = new float[16];
            k.lanesDot(x, 0, 1, x, 0, 1, 2, out, false, 0, 16);
            assertThat(out[3]).isEqualTo(10f);
            k.lanesSum(x, 0, 1, 2, 0.5f, out, 0, 16);
            assertThat(out[3]).isEqualTo(2f);
            // softmax of (0, ln 3) = (1/4, 3/4); backward with da = (1, 0): dot = 1/4,
            // ds0 = 1/4 (1 - 1/4) = 0.1875, ds1 = 3/4 (0 - 1/4) = -0.1875
            float[][] s = lanes(2, (r, l) -> 0);
            for (int l = 0; l < 16; l++) {
                s[1][l] = (float) Math.log(3);
            }
            k.lanesSoftmax(s, 0, 2, 1f, 0, 16);
            assertThat(s[0][5]).isCloseTo(0.25f, within(1e-6f));
            assertThat(s[1][5]).isCloseTo(0.75f, within(1e-6f));
            float[][] da = lanes(2, (r, l) -> r == 0 ? 1 : 0);
            float[][] ds = new float[2][16];
            k.lanesSoftmaxBackward(s, 0, da, 0, 2, 1f, ds, 0, 0, 16);
            assertThat(ds[0][7]).isCloseTo(0.1875f, within(1e-6f));
            assertThat(ds[1][7]).isCloseTo(-0.1875f, within(1e-6f));
            // relu and its backward
            float[] v = pad(-1, 2, -3, 4);
            k.relu(v, 0, 4);
            assertThat(v).startsWith(0f, 2f, 0f, 4f);
            float[] d = pad(5, 6, 7, 8);
            k.reluBackward(v, 0, d, 0, 4);
            assertThat(d).startsWith(0f, 6f, 0f, 8f);
            // Adam, first step: g = 0.5, m = v = 0, b1 = 0.9, b2 = 0.999, lr 0.1: stepSize = 0.1 / (1 - 0.9) = 1,
            // m = 0.1 * 0.5 = 0.05, v = 0.001 * 0.25 = 2.5e-4, sqrt(v) / sqrt(1 - 0.999) = 0.0158114 / 0.0316228 = 0.5,
            // p = 1 - 1 * 0.05 / (0.5 + 1e-8) = 0.9
            float[] p = pad(1);
            float[] m = pad(0);
            float[] vv = pad(0);
            k.adam(p, pad(0.5f), m, vv, 1, 0.9f, 0.999f, 1f, (float) Math.sqrt(0.001), 1e-8f, 1f);
            assertThat(m[0]).isCloseTo(0.05f, within(1e-7f));   // 1 - 0.9 is 0.100000024 in float
            assertThat(vv[0]).isCloseTo(2.5e-4f, within(1e-8f));
            assertThat(p[0]).isCloseTo(0.9f, within(1e-6f));
            // sum of squares over rows: 1 + 4 + 9 + 16 = 30
            assertThat(k.sumSquares(new float[][] {pad(1, 2), pad(3, 4)}, 2)).isEqualTo(30.0);
        }
    }

    @Test
    void vectorAndScalarLaneKernelsAgree() {
        List<Kernels> ks = implementations();
        if (ks.size() < 2) {
            return;
        }
        Kernels sc = ks.get(0);
        Kernels vk = ks.get(1);
        Rng rng = new Rng(9);
        for (int lanes : new int[] {16, 48, 64, 80}) {
            for (int[] kn : new int[][] {{1, 1}, {3, 5}, {10, 10}, {20, 40}, {40, 40}}) {
                int kDim = kn[0];
                int n = kn[1];
                int l0 = lanes > 16 ? 16 : 0;
                float[][] x = randomLanes(rng, 3 * kDim + 2, lanes);
                float[][] w = random(rng, Math.max(kDim, n) + 2, Math.max(kDim, n) + 2);
                float[] bias = random(rng, 1, n + 2)[0];
                float[][] y0 = randomLanes(rng, n + 1, lanes);
                float[][][] outs = new float[2][][];
                for (int v = 0; v < 2; v++) {
                    Kernels k = v == 0 ? sc : vk;
                    float[][] y = copy(y0);
                    k.lanesGemm(x, 1, kDim, w, 1, 2, n, y, 1, bias, false, l0, lanes);
                    float[][] yt = copy(y0);
                    k.lanesGemmT(x, 1, kDim, w, 2, 1, n, yt, 1, true, l0, lanes);
                    float[][] gw = random(new Rng(3), kDim, n + 2);
                    float[] gb = random(new Rng(4), 1, n + 2)[0];
                    k.lanesGemmTN(x, 0, kDim, kDim, y0, 0, 0, n, 2, gw, 2, gb, l0, lanes);
                    float[] dot = y0[0].clone();
                    k.lanesDot(x, 0, 2, x, 1, 1, kDim, dot, true, l0, lanes);
                    float[] sum = new float[lanes];
                    k.lanesSum(x, 0, 3, kDim, 0.3f, sum, l0, lanes);
                    float[][] soft = copy(x);
                    k.lanesSoftmax(soft, 1, kDim, 0.5f, l0, lanes);
                    float[][] ds = copy(y0);
                    k.lanesSoftmaxBackward(soft, 1, x, 0, kDim, 0.5f, ds, 0, l0, lanes);
                    outs[v] = concat(y, yt, gw, new float[][] {gb, dot, sum}, soft, ds);
                }
                for (int r = 0; r < outs[0].length; r++) {
                    for (int j = 0; j < outs[0][r].length; j++) {
                        float e = outs[0][r][j];
                        assertThat(outs[1][r][j]).as("lanes=%d k=%d n=%d [%d][%d]", lanes, kDim, n, r, j)
                                .isCloseTo(e, within(1e-4f * Math.max(1f, Math.abs(e))));
                    }
                }
            }
        }
        // Adam rounds identically in both (resume and thread-count identity rely on it)
        float[] p1 = random(rng, 1, 37)[0];
        float[] g = random(rng, 1, 37)[0];
        float[] m1 = random(rng, 1, 37)[0];
        float[] v1 = random(rng, 1, 37)[0];
        for (int i = 0; i < v1.length; i++) {
            v1[i] = Math.abs(v1[i]);
        }
        float[] p2 = p1.clone();
        float[] m2 = m1.clone();
        float[] v2 = v1.clone();
        sc.adam(p1, g, m1, v1, 37, 0.9f, 0.999f, 3e-4f, 0.03f, 1e-5f, 0.7f);
        vk.adam(p2, g, m2, v2, 37, 0.9f, 0.999f, 3e-4f, 0.03f, 1e-5f, 0.7f);
        assertThat(p2).isEqualTo(p1);
        assertThat(m2).isEqualTo(m1);
        assertThat(v2).isEqualTo(v1);
    }

    private static float[][] randomLanes(Rng rng, int rows, int lanes) {
        float[][] a = new float[rows][lanes];
        for (float[] r : a) {
            for (int j = 0; j < lanes; j++) {
                r[j] = (float) rng.nextGaussian();
            }
        }
        return a;
    }
}
