package io.tradeloop.rl.ppo;

/**
 * Running mean and variance of each observation feature (Chan et al.'s parallel update, as SB3's
 * {@code RunningMeanStd}) and the clipped standardisation {@code clip((x - mean) / sqrt(var + 1e-8), -c, c)}.
 * Its statistics are part of a checkpoint.
 */
public final class ObservationNormalizer {
    private static final double EPS = 1e-8;
    private final int size;
    private final double clip;
    private final double[] mean;
    private final double[] var;
    private double count;
    private final double[] batchMean;
    private final double[] batchVar;

    public ObservationNormalizer(int size, double clip) {
        this.size = size;
        this.clip = clip;
        mean = new double[size];
        var = new double[size];
        java.util.Arrays.fill(var, 1.0);
        batchMean = new double[size];
        batchVar = new double[size];
    }

    public int size() {
        return size;
    }

    /** Folds {@code rows} observations {@code obs[r * size + k]} into the statistics. */
    public void update(float[] obs, int rows) {
        java.util.Arrays.fill(batchMean, 0);
        java.util.Arrays.fill(batchVar, 0);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < size; k++) {
                batchMean[k] += obs[r * size + k];
            }
        }
        for (int k = 0; k < size; k++) {
            batchMean[k] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < size; k++) {
                double d = obs[r * size + k] - batchMean[k];
                batchVar[k] += d * d;
            }
        }
        double total = count + rows;
        for (int k = 0; k < size; k++) {
            double bv = batchVar[k] / rows;
            if (count == 0) {
                mean[k] = batchMean[k];
                var[k] = bv;
                continue;
            }
            double delta = batchMean[k] - mean[k];
            double m2 = var[k] * count + bv * rows + delta * delta * count * rows / total;
            mean[k] += delta * rows / total;
            var[k] = m2 / total;
        }
        count = total;
    }

    /** Writes the normalised copy of {@code rows} observations from {@code src} into {@code dst}. */
    public void normalize(float[] src, int srcOff, float[] dst, int dstOff, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < size; k++) {
                double z = (src[srcOff + r * size + k] - mean[k]) / Math.sqrt(var[k] + EPS);
                dst[dstOff + r * size + k] = (float) Math.clamp(z, -clip, clip);
            }
        }
    }

    public double count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] variance() {
        return var.clone();
    }

    /** Restores statistics saved from {@link #mean()}, {@link #variance()} and {@link #count()}. */
    public void restore(double[] mean, double[] variance, double count) {
        if (mean.length != size || variance.length != size) {
            throw new IllegalArgumentException("normaliser state has " + mean.length + "/" + variance.length
                    + " features, expected " + size);
        }
        System.arraycopy(mean, 0, this.mean, 0, size);
        System.arraycopy(variance, 0, this.var, 0, size);
        this.count = count;
    }
}
