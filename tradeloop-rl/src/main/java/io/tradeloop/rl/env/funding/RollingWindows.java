package io.tradeloop.rl.env.funding;

/**
 * Sums, counts and sums of squares of a stream over several trailing window lengths at once, skipping NaN
 * samples (a window is complete when its count equals its length). One ring buffer serves every length.
 */
final class RollingWindows {
    private final double[] ring;
    private final int[] lengths;
    private final double[] sum;
    private final double[] sumSq;
    private final int[] count;
    private long pushed;

    RollingWindows(int... lengths) {
        int max = 1;
        for (int n : lengths) {
            if (n < 1) {
                throw new IllegalArgumentException("window length must be >= 1, got " + n);
            }
            max = Math.max(max, n);
        }
        this.lengths = lengths.clone();
        ring = new double[max];
        sum = new double[lengths.length];
        sumSq = new double[lengths.length];
        count = new int[lengths.length];
    }

    void push(double x) {
        int cap = ring.length;
        for (int w = 0; w < lengths.length; w++) {
            int n = lengths[w];
            if (pushed >= n) {
                double old = ring[(int) ((pushed - n) % cap)];
                if (!Double.isNaN(old)) {
                    sum[w] -= old;
                    sumSq[w] -= old * old;
                    count[w]--;
                }
            }
            if (!Double.isNaN(x)) {
                sum[w] += x;
                sumSq[w] += x * x;
                count[w]++;
            }
        }
        ring[(int) (pushed % cap)] = x;
        pushed++;
    }

    /** True when the last {@code lengths[w]} samples are all present. */
    boolean complete(int w) {
        return count[w] == lengths[w];
    }

    double mean(int w) {
        return count[w] == 0 ? Double.NaN : sum[w] / count[w];
    }

    /** Population standard deviation over window {@code w}. */
    double std(int w) {
        if (count[w] == 0) {
            return Double.NaN;
        }
        double m = sum[w] / count[w];
        return Math.sqrt(Math.max(0, sumSq[w] / count[w] - m * m));
    }

    double sum(int w) {
        return sum[w];
    }

    int count(int w) {
        return count[w];
    }
}
