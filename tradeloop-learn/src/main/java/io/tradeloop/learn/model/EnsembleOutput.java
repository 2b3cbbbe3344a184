package io.tradeloop.learn.model;

/**
 * The combined class probabilities of an ensemble's members and how much they disagree.
 *
 * @param mean               mean of the members' probabilities (the prediction)
 * @param std                per-class standard deviation across members
 * @param mutualInformation  epistemic uncertainty in nats: H(mean) − mean_m H(p_m) (0 when all members agree;
 *                           at most ln(classes))
 */
public record EnsembleOutput(double[] mean, double[] std, double mutualInformation) {

    /** The arg-max class of the mean. */
    public int predictedClass() {
        int a = 0;
        for (int k = 1; k < mean.length; k++) if (mean[k] > mean[a]) a = k;
        return a;
    }

    /** The mean probability of the predicted class. */
    public double confidence() {
        return mean[predictedClass()];
    }

    /** Combines member probabilities {@code p[member][class]}. */
    public static EnsembleOutput of(double[][] p) {
        int m = p.length;
        int k = p[0].length;
        double[] mean = new double[k];
        for (double[] row : p) for (int c = 0; c < k; c++) mean[c] += row[c] / m;
        double[] std = new double[k];
        double memberEntropy = 0;
        for (double[] row : p) {
            for (int c = 0; c < k; c++) {
                double d = row[c] - mean[c];
                std[c] += d * d / m;
                if (row[c] > 0) memberEntropy -= row[c] * Math.log(row[c]) / m;
            }
        }
        double h = 0;
        for (int c = 0; c < k; c++) {
            std[c] = Math.sqrt(std[c]);
            if (mean[c] > 0) h -= mean[c] * Math.log(mean[c]);
        }
        return new EnsembleOutput(mean, std, Math.max(0, h - memberEntropy));
    }
}
