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
