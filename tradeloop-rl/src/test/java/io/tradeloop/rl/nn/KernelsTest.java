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
}
