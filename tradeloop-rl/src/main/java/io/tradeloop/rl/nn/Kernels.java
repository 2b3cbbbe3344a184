package io.tradeloop.rl.nn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dense-layer arithmetic of the hand-written networks over a batch of rows (each row its own
 * array): {@link #gemm} for forward passes and input gradients, {@link #gemmTN} for weight gradients.
 * {@link #best()} picks the Vector API implementation when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (register-blocked SIMD, several times faster on these
 * small shapes) and plain loops otherwise; both compute the same sums (rounding may differ).
 */
interface Kernels {
    Logger LOG = LoggerFactory.getLogger(Kernels.class);

    /**
     * {@code y[r][yOff + j] = (accumulate ? y[r][yOff + j] : bias == null ? 0 : bias[j]) + sum_i x[r][xOff + i] * w[i][j]}
     * for rows r in [r0, r0 + rows), i in [0, k), j in [0, n).
     */
    void gemm(float[][] x, int xOff, int r0, int rows, int k, float[][] w, int n, float[][] y, int yOff, float[] bias,
              boolean accumulate);

    /** {@code gw[i][j] += sum_r x[r][xOff + i] * dy[r][dyOff + j]} and {@code gb[j] += sum_r dy[r][dyOff + j]}, r in [r0, r0 + rows). */
    void gemmTN(float[][] x, int xOff, int r0, int rows, int k, float[][] dy, int dyOff, int n, float[][] gw, float[] gb);

    /** {@code v[i] = exp(v[i])} for i in [0, n) (float precision). */
    void exp(float[] v, int n);

    /** {@code v[i] = max(v[i], 0)} for i in [from, to). */
    void relu(float[] v, int from, int to);

    /** ReLU backward: {@code d[dOff + i] = y[yOff + i] > 0 ? d[dOff + i] : 0} for i in [0, n). */
    void reluBackward(float[] y, int yOff, float[] d, int dOff, int n);

    /**
     * Adam on one row, PyTorch's arithmetic with the bias correction folded into the step size:
     * {@code g' = g * scale; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g' g'; p -= stepSize * m / (sqrt(v) / sqrtBias2 + eps)}
     * for i in [0, n). Every implementation rounds identically (no fused operations).
     */
    void adam(float[] p, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize, float sqrtBias2,
              float eps, float scale);

    /** {@code sum_r sum_{i<n} rows[r][i]^2} in double precision, in a fixed order. */
    double sumSquares(float[][] rows, int n);

    // Lane layout ("batch-minor"): row r of a lane matrix holds one feature of every sample, sample b in lane b,
    // so the per-slot work of the attention is element-wise over samples. Lane ranges [l0, l1) are multiples of 16.

    /**
     * {@code y[yRow + j][l] = (accumulate ? y[yRow + j][l] : bias == null ? 0 : bias[wCol + j]) + sum_{i<k} w[wRow + i][wCol + j] * x[xRow + i][l]}
     * for j in [0, n), l in [l0, l1).
     */
    void lanesGemm(float[][] x, int xRow, int k, float[][] w, int wRow, int wCol, int n, float[][] y, int yRow, float[] bias,
                   boolean accumulate, int l0, int l1);

    /**
     * The same with the coefficients transposed: {@code y[yRow + j][l] (+)= sum_{i<k} w[wRow + j][wCol + i] * x[xRow + i][l]}
     * (no bias), e.g. an input gradient {@code dx = W dy} from weights stored {@code [in][out]}.
     */
    void lanesGemmT(float[][] x, int xRow, int k, float[][] w, int wRow, int wCol, int n, float[][] y, int yRow,
                    boolean accumulate, int l0, int l1);

    /**
     * Weight gradient summed over slots and lanes: {@code gw[i][gCol + j] += sum_{s<slots} sum_l x[xRow + s xStride + i][l] *
     * dy[dyRow + s dyStride + j][l]} for i in [0, k), j in [0, n), and {@code gb[gCol + j] += sum_s sum_l dy[...][l]} when
     * gb is not null. The sum over lanes is in a fixed order (deterministic in every JIT tier).
     */
    void lanesGemmTN(float[][] x, int xRow, int xStride, int k, float[][] dy, int dyRow, int dyStride, int n, int slots,
                     float[][] gw, int gCol, float[] gb, int l0, int l1);

    /** {@code out[l] (+)= sum_{j<n} a[aRow + j aStride][l] * b[bRow + j bStride][l]} for l in [l0, l1). */
    void lanesDot(float[][] a, int aRow, int aStride, float[][] b, int bRow, int bStride, int n, float[] out,
                  boolean accumulate, int l0, int l1);

    /** {@code out[l] = scale * sum_{j<n} a[aRow + j aStride][l]} (sum in j order) for l in [l0, l1). */
    void lanesSum(float[][] a, int aRow, int aStride, int n, float scale, float[] out, int l0, int l1);

    /**
     * Softmax over the n rows {@code s[row0 .. row0 + n)} in every lane, in place: {@code e_u = exp((s_u - max_u s) * scale)},
     * {@code s_u = e_u * (1 / sum_u e_u)} with the sum in row order.
     */
    void lanesSoftmax(float[][] s, int row0, int n, float scale, int l0, int l1);

    /**
     * Softmax backward over n rows in every lane: {@code ds_u = a_u * (da_u - sum_v a_v da_v) * scale} with
     * {@code a = a[aRow + u]}, {@code da = da[daRow + u]}, {@code ds = ds[dsRow + u]}.
     */
    void lanesSoftmaxBackward(float[][] a, int aRow, float[][] da, int daRow, int n, float scale, float[][] ds, int dsRow,
                              int l0, int l1);

    /** Short name for logs and benchmark notes. */
    String name();

    /** The fastest implementation this JVM can run. */
    static Kernels best() {
        return Holder.BEST;
    }

    /** Holds the choice, made once. */
    final class Holder {
        static final Kernels BEST = choose();

        private Holder() {
        }

        private static Kernels choose() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    // loaded reflectively so that a JVM without the module never links the class
                    Kernels k = (Kernels) Class.forName("io.tradeloop.rl.nn.VectorKernels").getDeclaredConstructor().newInstance();
                    LOG.info("nn kernels=vector ({})", k.name());
                    return k;
                } catch (ReflectiveOperationException | LinkageError e) {
                    LOG.warn("nn kernels=scalar reason=\"vector kernels failed to load: {}\"", e.toString());
                    return new ScalarKernels();
                }
            }
            LOG.info("nn kernels=scalar reason=\"JVM started without --add-modules jdk.incubator.vector\"");
            return new ScalarKernels();
        }
    }
}
