package io.tradeloop.learn.dynamics;

/**
 * A learner of the next-horizon return distribution given one feature row: a Gaussian with mean μ
 * and standard deviation σ. Several of them form a {@link DynamicsEnsemble}.
 */
public sealed interface DynamicsModel permits RidgeDynamics, GbmDynamics {
    /** A short name for decision records, e.g. {@code ridge-0}. */
    String name();

    /** Writes μ into {@code out[0]} and σ (&gt; 0) into {@code out[1]} for the row at {@code x[offset …]}. Allocates nothing. */
    void predict(float[] x, int offset, double[] out);

    /**
     * Directional probabilities under the member's Gaussian with a dead band ±θ: P(down) = Φ((−θ − μ)/σ),
     * P(up) = 1 − Φ((θ − μ)/σ), P(flat) = the rest. Writes (down, flat, up) into {@code out[0..2]}.
     */
    static void directional(double mean, double std, double deadBand, double[] out) {
        double down = normalCdf((-deadBand - mean) / std);
        double up = 1 - normalCdf((deadBand - mean) / std);
        out[0] = down;
        out[2] = up;
        out[1] = Math.max(0, 1 - down - up);
    }

    /** Φ, the standard normal CDF. */
    static double normalCdf(double z) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
    }
}
