package io.tradeloop.learn.calibrate;

/** Fitting of {@link Calibrator}s by maximum likelihood on held-out margins, and the shared link functions. */
public final class Calibrators {
    private Calibrators() {
    }

    static void softmax(double[] v, int k, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) max = Math.max(max, v[i] * scale);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            v[i] = Math.exp(v[i] * scale - max);
            sum += v[i];
        }
        for (int i = 0; i < k; i++) v[i] /= sum;
    }

    static void binary(double[] v, double margin) {
        double p1 = sigmoid(margin);
        v[0] = 1 - p1;
        v[1] = p1;
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Mean negative log-likelihood of labels {@code y} under {@code c} applied to {@code margins} (rows × classes, or rows × 1 for binary). */
    public static double nll(Calibrator c, double[][] margins, int[] y, int classes) {
        double[] buf = new double[Math.max(2, classes)];
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            System.arraycopy(margins[i], 0, buf, 0, margins[i].length);
            c.toProbabilities(buf, classes);
            s -= Math.log(Math.max(1e-15, buf[y[i]]));
        }
        return s / y.length;
    }

    /**
     * The temperature T in [0.05, 20] minimising the NLL of softmax(z / T), by golden-section search on
     * ln T (the NLL is unimodal in T for fixed margins).
     */
    public static Calibrator.Temperature fitTemperature(double[][] margins, int[] y, int classes) {
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(new Calibrator.Temperature(Math.exp(a)), margins, y, classes);
        double fb = nll(new Calibrator.Temperature(Math.exp(b)), margins, y, classes);
        for (int it = 0; it < 80 && hi - lo > 1e-7; it++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(new Calibrator.Temperature(Math.exp(a)), margins, y, classes);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(new Calibrator.Temperature(Math.exp(b)), margins, y, classes);
            }
        }
        return new Calibrator.Temperature(Math.exp((lo + hi) / 2));
    }

    /**
     * Temperature and per-class bias minimising the NLL of softmax(z / T + b): alternating a
     * golden-section search on T (bias fixed) and damped Newton steps on b with the diagonal Hessian
     * mean p_k(1 − p_k) (T fixed), 8 rounds; b is kept centred.
     */
    public static Calibrator.VectorScaling fitVectorScaling(double[][] margins, int[] y, int classes) {
        double t = fitTemperature(margins, y, classes).temperature();
        double[] b = new double[classes];
        double[] p = new double[classes];
        for (int round = 0; round < 8; round++) {
            for (int it = 0; it < 25; it++) {
                double[] g = new double[classes];
                double[] hd = new double[classes];
                for (int i = 0; i < y.length; i++) {
                    for (int k = 0; k < classes; k++) p[k] = margins[i][k] / t + b[k];
                    softmax(p, classes, 1.0);
                    for (int k = 0; k < classes; k++) {
                        g[k] += (p[k] - (y[i] == k ? 1 : 0)) / y.length;
                        hd[k] += p[k] * (1 - p[k]) / y.length;
                    }
                }
                double mean = 0;
                for (int k = 0; k < classes; k++) {
                    b[k] -= 0.8 * g[k] / Math.max(1e-9, hd[k]);
                    mean += b[k] / classes;
                }
                for (int k = 0; k < classes; k++) b[k] -= mean;
            }
            final double[] bias = b.clone();
            double lo = Math.log(0.05);
            double hi = Math.log(20);
            double gr = (Math.sqrt(5) - 1) / 2;
            for (int it = 0; it < 60 && hi - lo > 1e-7; it++) {
                double a1 = hi - gr * (hi - lo);
                double a2 = lo + gr * (hi - lo);
                if (nll(new Calibrator.VectorScaling(Math.exp(a1), bias), margins, y, classes)
                        < nll(new Calibrator.VectorScaling(Math.exp(a2), bias), margins, y, classes)) hi = a2;
                else lo = a1;
            }
            t = Math.exp((lo + hi) / 2);
        }
        return new Calibrator.VectorScaling(t, b);
    }

    /**
     * Platt's a, b by Newton's method on the logistic log-likelihood of y ∈ {0, 1} given margins z, with
     * Platt's smoothed targets t₊ = (N₊ + 1) / (N₊ + 2), t₋ = 1 / (N₋ + 2) so that separable data
     * does not send a to infinity.
     */
    public static Calibrator.Platt fitPlatt(double[] z, int[] y) {
        int pos = 0;
        for (int v : y) pos += v;
        int neg = y.length - pos;
        double tPos = (pos + 1.0) / (pos + 2.0);
        double tNeg = 1.0 / (neg + 2.0);
        double a = 1;
        double b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < z.length; i++) {
                double p = sigmoid(a * z[i] + b);
                double t = y[i] == 1 ? tPos : tNeg;
                double d = p - t;
                double w = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 1e-300)) break;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
        }
        return new Calibrator.Platt(a, b);
    }
}
