package io.tradeloop.learn.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Held-out classification quality: accuracy (vs the 1/k chance line), mean log-loss, multi-class
 * Brier score and the confusion matrix (rows = true class, columns = predicted arg-max).
 *
 * @param n         samples
 * @param accuracy  fraction with arg-max = label
 * @param logLoss   mean −ln p(label), probabilities floored at 1e-15
 * @param brier     mean Σ_k (p_k − 1[k = label])²
 * @param confusion k × k counts
 */
public record ClassificationMetrics(int n, double accuracy, double logLoss, double brier, int[][] confusion) {

    public static ClassificationMetrics of(double[][] probs, int[] y) {
        if (probs.length != y.length) {
            throw new IllegalArgumentException(probs.length + " predictions for " + y.length + " labels");
        }
        int k = probs.length == 0 ? 0 : probs[0].length;
        int[][] cm = new int[k][k];
        double ll = 0;
        double br = 0;
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            double[] p = probs[i];
            int arg = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[arg]) arg = c;
            if (arg == y[i]) correct++;
            cm[y[i]][arg]++;
            ll -= Math.log(Math.max(1e-15, p[y[i]]));
            for (int c = 0; c < k; c++) {
                double d = p[c] - (c == y[i] ? 1 : 0);
                br += d * d;
            }
        }
        int n = y.length;
        return new ClassificationMetrics(n, n == 0 ? Double.NaN : (double) correct / n, n == 0 ? Double.NaN : ll / n,
                n == 0 ? Double.NaN : br / n, cm);
    }

    /** Share of each true class: the accuracy of always predicting the commonest class is the max of these. */
    public double[] classShares() {
        double[] s = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            for (int v : confusion[c]) s[c] += v;
            s[c] /= Math.max(1, n);
        }
        return s;
    }

    /** The metrics under {@code prefix.} keys, for provenance. */
    public Map<String, Double> asMap(String prefix) {
        var m = new LinkedHashMap<String, Double>();
        m.put(prefix + ".n", (double) n);
        m.put(prefix + ".accuracy", accuracy);
        m.put(prefix + ".log_loss", logLoss);
        m.put(prefix + ".brier", brier);
        return m;
    }
}
