package io.tradeloop.rl.ppo;

/**
 * The PPO loss over one minibatch and its gradient with respect to the network's outputs (CleanRL's
 * {@code ppo.py} with masks): {@code L = pg - entropyCoef * H + vfCoef * V}, where
 * {@code pg = mean(max(-A r, -A clip(r, 1-eps, 1+eps)))}, {@code r = exp(logp - logp_old)},
 * {@code H = mean(-sum_valid p log p)} and {@code V = 0.5 mean(max((v-R)^2, (v_old + clip(v - v_old, -c, c) - R)^2))}
 * (or {@code 0.5 mean((v-R)^2)} without value clipping).
 *
 * <p>Gradients: {@code dpg/dlogp = -A r} where the unclipped term is the larger, else 0;
 * {@code dlogp_a/dz_j = 1[j=a] - p_j}; {@code dH/dz_j = -p_j (log p_j + H)}; forbidden actions get 0.
 */
public final class PpoLoss {
    private final int actions;
    private final double[] logp;

    public PpoLoss(int actions) {
        this.actions = actions;
        this.logp = new double[actions];
    }

    /** Loss terms of one minibatch (means over its samples). */
    public record Terms(double total, double policyLoss, double valueLoss, double entropy, double approxKl,
                        double clipFraction) {
    }

    /**
     * Computes the loss of {@code batch} samples and writes {@code dLogits} ({@code batch x actions}) and
     * {@code dValues}. Advantages are used as given (normalise them before).
     */
    public Terms compute(int batch, float[] logits, float[] values, boolean[] masks, int[] act, float[] oldLogp,
                         float[] advantages, float[] returns, float[] oldValues, PpoConfig c,
                         float[] dLogits, float[] dValues) {
        double eps = c.clipRange();
        double pgSum = 0;
        double vSum = 0;
        double hSum = 0;
        double klSum = 0;
        int clipped = 0;
        double invB = 1.0 / batch;
        for (int i = 0; i < batch; i++) {
            int off = i * actions;
            double h = MaskedCategorical.logSoftmax(logits, off, masks, off, actions, logp);
            int a = act[i];
            double logRatio = logp[a] - oldLogp[i];
            double ratio = Math.exp(logRatio);
            double adv = advantages[i];
            double pg1 = -adv * ratio;
            double pg2 = -adv * Math.clamp(ratio, 1 - eps, 1 + eps);
            pgSum += Math.max(pg1, pg2);
            double dLogp = pg1 >= pg2 ? -adv * ratio * invB : 0.0;
            klSum += (ratio - 1) - logRatio;
            if (Math.abs(ratio - 1) > eps) {
                clipped++;
            }
            hSum += h;
            double dH = c.entropyCoef() * invB; // d(-coef * mean H)/dz_j = coef/B * p_j (log p_j + H)
            for (int j = 0; j < actions; j++) {
                if (masks[off + j]) {
                    double p = Math.exp(logp[j]);
                    double g = dLogp * ((j == a ? 1.0 : 0.0) - p) + dH * p * (logp[j] + h);
                    dLogits[off + j] = (float) g;
                } else {
                    dLogits[off + j] = 0f;
                }
            }
            // value loss
            double v = values[i];
            double ret = returns[i];
            double gradV;
            if (c.clipValueLoss()) {
                double diff = v - oldValues[i];
                double vClipped = oldValues[i] + Math.clamp(diff, -c.valueClipRange(), c.valueClipRange());
                double l1 = (v - ret) * (v - ret);
                double l2 = (vClipped - ret) * (vClipped - ret);
                vSum += 0.5 * Math.max(l1, l2);
                if (l1 >= l2) {
                    gradV = v - ret;
                } else {
                    gradV = Math.abs(diff) < c.valueClipRange() ? vClipped - ret : 0.0;
                }
            } else {
                vSum += 0.5 * (v - ret) * (v - ret);
                gradV = v - ret;
            }
            dValues[i] = (float) (c.vfCoef() * gradV * invB);
        }
        double pg = pgSum * invB;
        double vl = vSum * invB;
        double ent = hSum * invB;
        return new Terms(pg - c.entropyCoef() * ent + c.vfCoef() * vl, pg, vl, ent, klSum * invB, (double) clipped * invB);
    }
}
