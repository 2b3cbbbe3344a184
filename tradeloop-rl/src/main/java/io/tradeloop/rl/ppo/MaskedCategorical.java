package io.tradeloop.rl.ppo;

/**
 * A categorical distribution over the actions a mask allows, from raw logits. Forbidden actions get
 * probability exactly zero and take no part in normalisation or entropy, so nothing is ever
 * {@code -inf * 0} (the NaN that {@code masked_fill(-inf)} invites in {@code p log p}). Arithmetic in double.
 */
public final class MaskedCategorical {
    private MaskedCategorical() {
    }

    /**
     * Writes log-probabilities into {@code logp[0..n)} ({@code -inf} for forbidden actions) and returns the
     * entropy {@code -sum p log p} over allowed actions.
     *
     * @throws IllegalArgumentException when the mask allows no action
     */
    public static double logSoftmax(float[] logits, int off, boolean[] mask, int maskOff, int n, double[] logp) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (mask[maskOff + j]) {
                max = Math.max(max, logits[off + j]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("action mask allows no action (row at offset " + maskOff + ")");
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            if (mask[maskOff + j]) {
                sum += Math.exp(logits[off + j] - max);
            }
        }
        double lse = max + Math.log(sum);
        double entropy = 0;
        for (int j = 0; j < n; j++) {
            if (mask[maskOff + j]) {
                double lp = logits[off + j] - lse;
                logp[j] = lp;
                entropy -= Math.exp(lp) * lp;
            } else {
                logp[j] = Double.NEGATIVE_INFINITY;
            }
        }
        return entropy;
    }

    /**
     * Draws an action by inverting the cumulative distribution at {@code u} in [0, 1), given the
     * log-probabilities from {@link #logSoftmax}; only allowed actions can come out.
     */
    public static int sample(double[] logp, boolean[] mask, int maskOff, int n, double u) {
        double c = 0;
        int last = -1;
        for (int j = 0; j < n; j++) {
            if (mask[maskOff + j]) {
                c += Math.exp(logp[j]);
                last = j;
                if (u < c) {
                    return j;
                }
            }
        }
        return last; // u landed in the rounding gap above the last cumulative sum
    }

    /** The allowed action with the highest probability (ties: the lowest index). */
    public static int argmax(float[] logits, int off, boolean[] mask, int maskOff, int n) {
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (mask[maskOff + j] && (best < 0 || logits[off + j] > logits[off + best])) {
                best = j;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("action mask allows no action (row at offset " + maskOff + ")");
        }
        return best;
    }
}
