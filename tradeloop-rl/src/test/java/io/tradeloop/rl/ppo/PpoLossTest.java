package io.tradeloop.rl.ppo;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PpoLossTest {
    private static final PpoConfig C = PpoConfig.builder().clipRange(0.2).valueClipRange(0.2).entropyCoef(0.01)
            .vfCoef(0.5).build();
    // logits [0, ln 3, 5] with the third action forbidden: p = [1/4, 3/4, 0]
    private static final float[] LOGITS = {0f, (float) Math.log(3), 5f};
    private static final boolean[] MASK = {true, true, false};
    // H = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.3465736 + 0.2157616 = 0.5623351
    private static final double H = 0.5623351;

    @Test
    void clippedRatioGivesNoPolicyGradientAndClippedValueNone() {
        // action 1, logp = ln 0.75, old logp = ln 0.5 -> ratio 1.5; A = 2
        // pg1 = -3, pg2 = -2 * 1.2 = -2.4 -> pg = -2.4, clipped (gradient 0), clipfrac 1
        // approx KL = (1.5 - 1) - ln 1.5 = 0.0945349
        // value: v = 1, R = 2, v_old = 0.5 -> v_clip = 0.7; (v-R)^2 = 1 < (0.7-2)^2 = 1.69 -> 0.5*1.69 = 0.845,
        //        gradient 0 because |v - v_old| = 0.5 > 0.2
        // total = -2.4 - 0.01*0.5623351 + 0.5*0.845 = -1.9831234
        // dLogits (entropy only): 0.01 * p_j (ln p_j + H): j0 = 0.0025*(-1.3862944+0.5623351) = -0.0020599, j1 = +0.0020599
        float[] dl = new float[3];
        float[] dv = new float[1];
        PpoLoss.Terms t = new PpoLoss(3).compute(1, LOGITS, new float[] {1f}, MASK, new int[] {1},
                new float[] {(float) Math.log(0.5)}, new float[] {2f}, new float[] {2f}, new float[] {0.5f}, C, dl, dv);
        assertThat(t.policyLoss()).isCloseTo(-2.4, within(1e-6));
        assertThat(t.clipFraction()).isEqualTo(1.0);
        assertThat(t.approxKl()).isCloseTo(0.0945349, within(1e-6));
        assertThat(t.entropy()).isCloseTo(H, within(1e-6));
        assertThat(t.valueLoss()).isCloseTo(0.845, within(1e-6));
        assertThat(t.total()).isCloseTo(-1.9831234, within(1e-6));
        assertThat(dl[0]).isCloseTo(-0.0020599f, within(1e-6f));
        assertThat(dl[1]).isCloseTo(0.0020599f, within(1e-6f));
        assertThat(dl[2]).isZero();
        assertThat(dv[0]).isZero();
    }

    @Test
    void unclippedRatioGivesThePolicyGradient() {
        // old logp = ln 0.7 -> ratio = 0.75/0.7 = 1.0714286 (inside [0.8, 1.2]); A = 2
        // pg = -2.1428571; dpg/dlogp = -2.1428571; dlogp/dz = [0 - 0.25, 1 - 0.75, 0]
        // dz0 = 0.5357143 - 0.0020599 = 0.5336544, dz1 = -0.5357143 + 0.0020599 = -0.5336544
        // value: v = 0.6, v_old = 0.5 (inside the clip) -> 0.5*(0.6-2)^2 = 0.98; dv = 0.5 * (0.6 - 2) = -0.7
        float[] dl = new float[3];
        float[] dv = new float[1];
        PpoLoss.Terms t = new PpoLoss(3).compute(1, LOGITS, new float[] {0.6f}, MASK, new int[] {1},
                new float[] {(float) Math.log(0.7)}, new float[] {2f}, new float[] {2f}, new float[] {0.5f}, C, dl, dv);
        assertThat(t.policyLoss()).isCloseTo(-2.1428571, within(1e-6));
        assertThat(t.clipFraction()).isZero();
        assertThat(t.valueLoss()).isCloseTo(0.98, within(1e-6));
        assertThat(dl[0]).isCloseTo(0.5336544f, within(1e-6f));
        assertThat(dl[1]).isCloseTo(-0.5336544f, within(1e-6f));
        assertThat(dl[2]).isZero();
        assertThat(dv[0]).isCloseTo(-0.7f, within(1e-6f));
    }

    @Test
    void gradientsMatchFiniteDifferencesOnARandomMaskedBatch() {
        Rng rng = new Rng(5);
        int b = 6;
        int a = 5;
        float[] logits = new float[b * a];
        boolean[] mask = new boolean[b * a];
        int[] act = new int[b];
        float[] oldLogp = new float[b];
        float[] adv = new float[b];
        float[] ret = new float[b];
        float[] values = new float[b];
        float[] oldValues = new float[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < a; j++) {
                logits[i * a + j] = (float) rng.nextGaussian();
                mask[i * a + j] = j == 0 || rng.nextDouble() < 0.6;
            }
            do {
                act[i] = rng.nextInt(a);
            } while (!mask[i * a + act[i]]);
            oldLogp[i] = (float) Math.log(0.2 + 0.3 * rng.nextDouble());
            adv[i] = (float) rng.nextGaussian();
            ret[i] = (float) rng.nextGaussian();
            values[i] = (float) rng.nextGaussian();
            oldValues[i] = values[i] + (float) (0.3 * rng.nextGaussian());
        }
        PpoConfig c = PpoConfig.builder().clipRange(0.3).entropyCoef(0.02).vfCoef(0.7).valueClipRange(0.25).build();
        PpoLoss loss = new PpoLoss(a);
        float[] dl = new float[b * a];
        float[] dv = new float[b];
        loss.compute(b, logits, values, mask, act, oldLogp, adv, ret, oldValues, c, dl, dv);
        float[] scratchL = new float[b * a];
        float[] scratchV = new float[b];
        float h = 1e-3f;
        for (int k = 0; k < b * a; k++) {
            if (!mask[k]) {
                assertThat(dl[k]).isZero();
                continue;
            }
            float keep = logits[k];
            logits[k] = keep + h;
            double up = loss.compute(b, logits, values, mask, act, oldLogp, adv, ret, oldValues, c, scratchL, scratchV).total();
            logits[k] = keep - h;
            double down = loss.compute(b, logits, values, mask, act, oldLogp, adv, ret, oldValues, c, scratchL, scratchV).total();
            logits[k] = keep;
            assertThat((double) dl[k]).as("dLogits[%d]", k).isCloseTo((up - down) / (2 * h), within(2e-3));
        }
        for (int i = 0; i < b; i++) {
            float keep = values[i];
            values[i] = keep + h;
            double up = loss.compute(b, logits, values, mask, act, oldLogp, adv, ret, oldValues, c, scratchL, scratchV).total();
            values[i] = keep - h;
            double down = loss.compute(b, logits, values, mask, act, oldLogp, adv, ret, oldValues, c, scratchL, scratchV).total();
            values[i] = keep;
            assertThat((double) dv[i]).as("dValues[%d]", i).isCloseTo((up - down) / (2 * h), within(2e-3));
        }
    }
}
