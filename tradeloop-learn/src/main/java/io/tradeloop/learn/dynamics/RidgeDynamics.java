package io.tradeloop.learn.dynamics;

import io.tradeloop.learn.dataset.DesignMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * Ridge regression of the forward return on standardised features: μ = b + Σ wⱼ (xⱼ − mⱼ)/sⱼ, with a
 * constant σ, the residual standard deviation on rows the fit did not see. Missing (NaN) inputs count
 * as the feature mean.
 *
 * @param name      member name
 * @param features  which columns of the row it reads
 * @param mean      per used feature, the training mean
 * @param scale     per used feature, the training standard deviation (1 when constant)
 * @param weights   per used feature, the ridge coefficient on the standardised value
 * @param intercept b, the mean training target
 * @param sigma     residual standard deviation (&gt; 0)
 */
public record RidgeDynamics(String name, int[] features, double[] mean, double[] scale, double[] weights, double intercept,
                            double sigma) implements DynamicsModel {

    @Override
    public void predict(float[] x, int offset, double[] out) {
        double mu = intercept;
        for (int j = 0; j < features.length; j++) {
            float v = x[offset + features[j]];
            if (!Float.isNaN(v)) mu += weights[j] * (v - mean[j]) / scale[j];
        }
        out[0] = mu;
        out[1] = sigma;
    }

    /**
     * Fits on {@code rows} of {@code x} using columns {@code features}, with L2 penalty λ on the
     * standardised coefficients: w = (ZᵀZ + λI)⁻¹ Zᵀ(y − ȳ). σ is measured on {@code holdout} rows.
     */
    public static RidgeDynamics fit(String name, DesignMatrix x, double[] y, int[] rows, int[] holdout, int[] features, double lambda) {
        int p = features.length;
        int n = rows.length;
        if (n <= p) {
            throw new IllegalArgumentException(name + ": " + n + " rows cannot fit " + p + " features");
        }
        double[] mean = new double[p];
        double[] scale = new double[p];
        double ybar = 0;
        for (int r : rows) ybar += y[r] / n;
        for (int j = 0; j < p; j++) {
            double s = 0;
            double ss = 0;
            int cnt = 0;
            for (int r : rows) {
                float v = x.get(r, features[j]);
                if (Float.isNaN(v)) continue;
                s += v;
                ss += (double) v * v;
                cnt++;
            }
            mean[j] = cnt == 0 ? 0 : s / cnt;
            double var = cnt < 2 ? 0 : (ss - cnt * mean[j] * mean[j]) / (cnt - 1);
            scale[j] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] z = new double[p];
        for (int r : rows) {
            for (int j = 0; j < p; j++) {
                float v = x.get(r, features[j]);
                z[j] = Float.isNaN(v) ? 0 : (v - mean[j]) / scale[j];
            }
            double t = y[r] - ybar;
            for (int j = 0; j < p; j++) {
                b[j] += z[j] * t;
                for (int k = 0; k <= j; k++) a[j][k] += z[j] * z[k];
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) a[k][j] = a[j][k];
            a[j][j] += lambda;
        }
        double[] w = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
        var model = new RidgeDynamics(name, features.clone(), mean, scale, w, ybar, 1);
        double sse = 0;
        double[] out = new double[2];
        for (int r : holdout) {
            model.predict(x.values(), x.offset(r), out);
            double e = y[r] - out[0];
            sse += e * e;
        }
        double sigma = holdout.length == 0 ? 1e-6 : Math.max(1e-6, Math.sqrt(sse / holdout.length));
        return new RidgeDynamics(name, features.clone(), mean, scale, w, ybar, sigma);
    }
}
