package io.tradeloop.rl.env.funding;

/** Small NaN-aware statistics over plain arrays (means, deviations, lag-1 autocorrelation, correlation, run lengths). */
final class SeriesStats {
    private SeriesStats() {
    }

    static double mean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(s / n);
    }

    /** Excess kurtosis (0 for a normal distribution). */
    static double excessKurtosis(double[] x) {
        double m = mean(x);
        double s2 = 0;
        double s4 = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = (v - m) * (v - m);
                s2 += d;
                s4 += d * d;
                n++;
            }
        }
        return n < 4 || s2 == 0 ? Double.NaN : (s4 / n) / ((s2 / n) * (s2 / n)) - 3;
    }

    /** Lag-1 autocorrelation over consecutive pairs that are both present. */
    static double ac1(double[] x) {
        return corr(x, 0, x, 1, x.length - 1);
    }

    static double corr(double[] a, double[] b) {
        return corr(a, 0, b, 0, Math.min(a.length, b.length));
    }

    private static double corr(double[] a, int ao, double[] b, int bo, int len) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < len; i++) {
            double x = a[ao + i];
            double y = b[bo + i];
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                sa += x;
                sb += y;
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double ma = sa / n;
        double mb = sb / n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < len; i++) {
            double x = a[ao + i];
            double y = b[bo + i];
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                sab += (x - ma) * (y - mb);
                saa += (x - ma) * (x - ma);
                sbb += (y - mb) * (y - mb);
            }
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Share of present samples above {@code threshold}. */
    static double fractionAbove(double[] x, double threshold) {
        int above = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                n++;
                if (v > threshold) above++;
            }
        }
        return n == 0 ? Double.NaN : (double) above / n;
    }

    /** Mean length (in samples) of runs on one side of {@code threshold}; NaN samples end a run. */
    static double meanRunLength(double[] x, double threshold) {
        int runs = 0;
        int samples = 0;
        int side = 0;
        for (double v : x) {
            if (Double.isNaN(v)) {
                side = 0;
                continue;
            }
            int s = v > threshold ? 1 : -1;
            if (s != side) {
                runs++;
                side = s;
            }
            samples++;
        }
        return runs == 0 ? Double.NaN : (double) samples / runs;
    }

    static double median(double[] x) {
        double[] v = java.util.Arrays.stream(x).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Trailing mean over {@code window} samples (NaN until the window is full or when a sample is missing). */
    static double[] rollingMean(double[] x, int window) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i + 1 < window) {
                out[i] = Double.NaN;
                continue;
            }
            double s = 0;
            boolean ok = true;
            for (int k = i - window + 1; k <= i; k++) {
                if (Double.isNaN(x[k])) {
                    ok = false;
                    break;
                }
                s += x[k];
            }
            out[i] = ok ? s / window : Double.NaN;
        }
        return out;
    }

    /** Trailing root mean square over {@code window} samples. */
    static double[] rollingRms(double[] x, int window) {
        double[] sq = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sq[i] = x[i] * x[i];
        }
        double[] m = rollingMean(sq, window);
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.sqrt(m[i]);
        }
        return m;
    }
}
